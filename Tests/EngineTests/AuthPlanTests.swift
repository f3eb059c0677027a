import Testing

@testable import Engine

/// The auth plans on a real `AppState`: rows written through the ordinary transaction
/// path as the system, found again by email, id and token, and removed with cascades.
struct AuthPlanTests {
    /// Applies a plan's steps as the system.
    func commit(_ app: inout TestApp, _ plan: AuthPlan) throws {
        _ = try app.state.transact(plan.steps, context: .system, now: app.clock)
        app.clock += 1_000
    }

    @Test func createTokenMakesAUserWithoutTypeAndFindsItAgain() throws {
        var app = TestApp()
        let token = EntityID.random()
        let plan = try app.state.planCreateToken(email: "a@example.com", id: nil, extraFields: nil, token: token)
        #expect(plan.created)
        try commit(&app, plan)
        let user = try #require(app.state.user(refreshToken: token))
        #expect(user.email == "a@example.com")
        #expect(user.type == nil)
        #expect(app.state.user(email: "a@example.com") == user)
        #expect(app.state.user(id: user.id) == user)
        // Only the hash is stored.
        #expect(!app.state.allTriples().contains { $0.value.json == JSONValue(token) })
        let again = try app.state.planCreateToken(
            email: "a@example.com", id: nil, extraFields: nil, token: EntityID.random())
        #expect(!again.created && again.userID == user.id)
    }

    @Test func createTokenByIDUsesThatID() throws {
        var app = TestApp()
        let id = EntityID.random()
        let plan = try app.state.planCreateToken(email: nil, id: id, extraFields: nil, token: EntityID.random())
        try commit(&app, plan)
        #expect(app.state.user(id: id)?.email == nil)
    }

    @Test func guestsHaveNoEmailAndManyMayExist() throws {
        var app = TestApp()
        for _ in 0..<3 { try commit(&app, try app.state.planGuestSignIn(extraFields: nil, token: EntityID.random())) }
        let users = app.state.allUsers()
        #expect(users.count == 3)
        #expect(users.allSatisfy { $0.isGuest && $0.email == nil })
    }

    @Test func extraFieldsMustBeAppDefinedUserAttrs() throws {
        var app = TestApp()
        try app.transact([.addAttr(Attr.make("$users", "nickname"))])
        #expect(throws: InstantError.self) {
            try app.state.planGuestSignIn(extraFields: ["unknown": 1], token: EntityID.random())
        }
        #expect(throws: InstantError.self) {
            try app.state.planGuestSignIn(extraFields: ["email": "x@y.co"], token: EntityID.random())
        }
        let plan = try app.state.planGuestSignIn(extraFields: ["nickname": "al"], token: EntityID.random())
        try commit(&app, plan)
        #expect(app.state.user(id: plan.userID)?.fields["nickname"] == "al")
        #expect(plan.signUpData?["nickname"] == "al")
    }

    @Test func magicCodesAreConsumedOnceAndExpire() throws {
        var app = TestApp()
        _ = try app.state.transact(
            app.state.planMagicCode("123456", email: "b@example.com"), context: .system, now: app.clock)
        let issuedAt = app.clock
        #expect(throws: InstantError.recordExpired("app-user-magic-code")) {
            try app.state.planVerifyMagicCode(
                email: "b@example.com", code: "123456", guest: nil, extraFields: nil, token: EntityID.random(),
                now: issuedAt + AuthLifetimes.magicCodeMilliseconds + 1)
        }
        let plan = try app.state.planVerifyMagicCode(
            email: "b@example.com", code: "123456", guest: nil, extraFields: nil, token: EntityID.random(),
            now: issuedAt + 1)
        try commit(&app, plan)
        #expect(app.state.user(id: plan.userID)?.type == "user")
        #expect(throws: InstantError.recordNotFound("app-user-magic-code")) {
            try app.state.planVerifyMagicCode(
                email: "b@example.com", code: "123456", guest: nil, extraFields: nil, token: EntityID.random(),
                now: issuedAt + 2)
        }
    }

    @Test func deletingAUserCascadesToTokensAndLinkedGuests() throws {
        var app = TestApp()
        let token = EntityID.random()
        let primary = try app.state.planEmailSignIn(email: "c@example.com", guest: nil, extraFields: nil, token: token)
        try commit(&app, primary)
        let guestToken = EntityID.random()
        let guest = try app.state.planGuestSignIn(extraFields: nil, token: guestToken)
        try commit(&app, guest)
        let linked = try app.state.planEmailSignIn(
            email: "c@example.com", guest: guest.userID, extraFields: nil, token: EntityID.random())
        try commit(&app, linked)
        #expect(app.state.user(id: guest.userID)?.fields["linkedPrimaryUser"] == JSONValue(primary.userID))
        #expect(app.state.refreshTokenRows(of: primary.userID).count == 2)
        _ = try app.state.transact(app.state.planDeleteUser(primary.userID), context: .system, now: app.clock)
        #expect(app.state.user(id: primary.userID) == nil)
        #expect(app.state.user(id: guest.userID) == nil)
        #expect(app.state.user(refreshToken: token) == nil)
        #expect(app.state.user(refreshToken: guestToken) == nil)
    }

    @Test func signOutRemovesEveryTokenOfTheUser() throws {
        var app = TestApp()
        let first = try app.state.planCreateToken(
            email: "d@example.com", id: nil, extraFields: nil, token: EntityID.random())
        try commit(&app, first)
        try commit(
            &app,
            try app.state.planCreateToken(email: "d@example.com", id: nil, extraFields: nil, token: EntityID.random()))
        #expect(app.state.refreshTokenRows(of: first.userID).count == 2)
        _ = try app.state.transact(app.state.planSignOut(user: first.userID), context: .system, now: app.clock)
        #expect(app.state.refreshTokenRows(of: first.userID).isEmpty)
        #expect(app.state.user(id: first.userID) != nil)
    }

    @Test func clientTransactionsStillCannotWriteAuthRows() throws {
        var app = TestApp()
        let plan = try app.state.planCreateToken(
            email: "e@example.com", id: nil, extraFields: nil, token: EntityID.random())
        #expect(throws: InstantError.self) { try app.transact(plan.steps, admin: false) }
        #expect(app.state.allUsers().isEmpty)
    }

    @Test func visibilityShowsOwnRowAndLinkedGuestsOnly() throws {
        var app = TestApp()
        let me = try app.state.planCreateToken(
            email: "f@example.com", id: nil, extraFields: nil, token: EntityID.random())
        try commit(&app, me)
        let other = try app.state.planCreateToken(
            email: "g@example.com", id: nil, extraFields: nil, token: EntityID.random())
        try commit(&app, other)
        let guest = try app.state.planGuestSignIn(extraFields: nil, token: EntityID.random())
        try commit(&app, guest)
        try commit(
            &app,
            try app.state.planEmailSignIn(
                email: "f@example.com", guest: guest.userID, extraFields: nil, token: EntityID.random()))
        let view = try #require(app.state.authVisibility(for: .user(me.userID)))
        #expect(view(me.userID, "$users"))
        #expect(view(guest.userID, "$users"))
        #expect(!view(other.userID, "$users"))
        #expect(!view(EntityID.random(), "$userRefreshTokens"))
        #expect(view(EntityID.random(), "goals"))
        #expect(app.state.authVisibility(for: .admin) == nil)
        #expect(app.state.authVisibility(for: .anonymous)?(me.userID, "$users") == false)
    }
}
