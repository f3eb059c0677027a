/// The built-in attrs present in every app (data-model §3), with upstream's
/// deterministic ids so tooling that hard-codes them (e.g. `$files.url`) keeps working.
///
/// Generated from the table in data-model §3.1; the ids are upstream's, not ours.
public enum SystemCatalog {
    struct Definition {
        let attrID: String
        let identID: String
        let etype: String
        let label: String
        let valueType: Attr.ValueType
        let cardinality: Attr.Cardinality
        let unique: Bool
        let indexed: Bool
        let required: Bool
        let type: Attr.CheckedDataType?
        let reverse: (String, String, String)?
        let onDelete: Bool
        let onDeleteReverse: Bool

        init(
            _ attrID: String, _ identID: String, _ etype: String, _ label: String,
            _ valueType: Attr.ValueType, _ cardinality: Attr.Cardinality, unique: Bool,
            indexed: Bool, required: Bool, type: Attr.CheckedDataType?,
            reverse: (String, String, String)?, onDelete: Bool, onDeleteReverse: Bool
        ) {
            self.attrID = attrID
            self.identID = identID
            self.etype = etype
            self.label = label
            self.valueType = valueType
            self.cardinality = cardinality
            self.unique = unique
            self.indexed = indexed
            self.required = required
            self.type = type
            self.reverse = reverse
            self.onDelete = onDelete
            self.onDeleteReverse = onDeleteReverse
        }
    }

    static let definitions: [Definition] = [
        .init("96653230-13ff-ffff-a4b4-81ffffffffff", "96653231-03ff-ffff-a4b4-81ffffffffff", "$users", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a4b4-46010bffffff", "96653231-03ff-ffff-a4b4-46010bffffff", "$users", "email", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a4b5-3cbc9fffffff", "96653231-03ff-ffff-a4b5-3cbc9fffffff", "$users", "type", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a4b4-8600c4a457ff", "96653231-03ff-ffff-a4b4-8600c4a457ff", "$users", "imageURL", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a4b4-b7d3ffffffff", "96653231-03ff-ffff-a4b4-b7d3ffffffff", "$users", "linkedPrimaryUser", .ref, .one, unique: false, indexed: false, required: false, type: nil, reverse: ("96653231-03ff-ffff-a4b4-b353ffffffff", "$users", "linkedGuestUsers"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-60b4-81ffffffffff", "96653231-03ff-ffff-60b4-81ffffffffff", "$magicCodes", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-60b4-270c87048fff", "96653231-03ff-ffff-60b4-270c87048fff", "$magicCodes", "codeHash", .blob, .one, unique: false, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-60b4-46010bffffff", "96653231-03ff-ffff-60b4-46010bffffff", "$magicCodes", "email", .blob, .one, unique: false, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a474-81ffffffffff", "96653231-03ff-ffff-a474-81ffffffffff", "$userRefreshTokens", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a474-7048e41cdcaf", "96653231-03ff-ffff-a474-7048e41cdcaf", "$userRefreshTokens", "hashedToken", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-a475-49123fffffff", "96653231-03ff-ffff-a475-49123fffffff", "$userRefreshTokens", "$user", .ref, .one, unique: false, indexed: true, required: false, type: nil, reverse: ("96653231-03ff-ffff-a4b5-48ffffffffff", "$users", "$userRefreshTokens"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-73f4-81ffffffffff", "96653231-03ff-ffff-73f4-81ffffffffff", "$oauthProviders", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-73f4-d0309fffffff", "96653231-03ff-ffff-73f4-d0309fffffff", "$oauthProviders", "name", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-72f4-81ffffffffff", "96653231-03ff-ffff-72f4-81ffffffffff", "$oauthUserLinks", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-72f5-2a07ffffffff", "96653231-03ff-ffff-72f5-2a07ffffffff", "$oauthUserLinks", "sub", .blob, .one, unique: false, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-72f5-49123fffffff", "96653231-03ff-ffff-72f5-49123fffffff", "$oauthUserLinks", "$user", .ref, .one, unique: false, indexed: true, required: false, type: nil, reverse: ("96653231-03ff-ffff-a4b4-e5ffffffffff", "$users", "$oauthUserLinks"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-72f4-e7c5d540c91f", "96653231-03ff-ffff-72f4-e7c5d540c91f", "$oauthUserLinks", "$oauthProvider", .blob, .one, unique: false, indexed: true, required: false, type: nil, reverse: ("96653231-03ff-ffff-73f4-e5ffffffffff", "$oauthProviders", "$oauthUserLinks"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-72f5-2a05f175503f", "96653231-03ff-ffff-72f5-2a05f175503f", "$oauthUserLinks", "sub+$oauthProvider", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-81ffffffffff", "96653231-03ff-ffff-70b4-81ffffffffff", "$oauthClients", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-e7c5d540c91f", "96653231-03ff-ffff-70b4-e7c5d540c91f", "$oauthClients", "$oauthProvider", .ref, .one, unique: false, indexed: false, required: false, type: nil, reverse: ("96653231-03ff-ffff-73f4-e17fffffffff", "$oauthProviders", "$oauthClients"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-d0309fffffff", "96653231-03ff-ffff-70b4-d0309fffffff", "$oauthClients", "name", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-25a08d9a07ff", "96653231-03ff-ffff-70b4-25a08d9a07ff", "$oauthClients", "clientId", .blob, .one, unique: false, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-46884b44882f", "96653231-03ff-ffff-70b4-46884b44882f", "$oauthClients", "encryptedClientSecret", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-34484ea91a3f", "96653231-03ff-ffff-70b4-34484ea91a3f", "$oauthClients", "discoveryEndpoint", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b4-c24c1fffffff", "96653231-03ff-ffff-70b4-c24c1fffffff", "$oauthClients", "meta", .blob, .one, unique: false, indexed: false, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b5-120d1120a6ef", "96653231-03ff-ffff-70b5-120d1120a6ef", "$oauthClients", "redirectTo", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-70b5-49124704451f", "96653231-03ff-ffff-70b5-49124704451f", "$oauthClients", "useSharedCredentials", .blob, .one, unique: false, indexed: false, required: false, type: .boolean, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-13b4-81ffffffffff", "96653231-03ff-ffff-13b4-81ffffffffff", "$oauthCodes", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-13b4-270c87048fff", "96653231-03ff-ffff-13b4-270c87048fff", "$oauthCodes", "codeHash", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-13b4-211c0b61267f", "96653231-03ff-ffff-13b4-211c0b61267f", "$oauthCodes", "codeChallengeMethod", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-13b4-270c823816bf", "96653231-03ff-ffff-13b4-270c823816bf", "$oauthCodes", "codeChallenge", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-13b5-49122d2bbfff", "96653231-03ff-ffff-13b5-49122d2bbfff", "$oauthCodes", "userInfo", .blob, .one, unique: false, indexed: false, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-13b4-e0504b411b3f", "96653231-03ff-ffff-13b4-e0504b411b3f", "$oauthCodes", "$oauthClient", .ref, .one, unique: false, indexed: false, required: false, type: nil, reverse: ("96653231-03ff-ffff-70b4-277fffffffff", "$oauthClients", "$oauthCodes"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7474-81ffffffffff", "96653231-03ff-ffff-7474-81ffffffffff", "$oauthRedirects", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7475-29826438247f", "96653231-03ff-ffff-7475-29826438247f", "$oauthRedirects", "stateHash", .blob, .one, unique: true, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7474-27394838247f", "96653231-03ff-ffff-7474-27394838247f", "$oauthRedirects", "cookieHash", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7475-120d112522bf", "96653231-03ff-ffff-7475-120d112522bf", "$oauthRedirects", "redirectUrl", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7475-120d1120a6ef", "96653231-03ff-ffff-7475-120d1120a6ef", "$oauthRedirects", "redirectTo", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7474-e0504b411b3f", "96653231-03ff-ffff-7474-e0504b411b3f", "$oauthRedirects", "$oauthClient", .ref, .one, unique: false, indexed: false, required: false, type: nil, reverse: ("96653231-03ff-ffff-70b4-e8ffffffffff", "$oauthClients", "$oauthRedirects"), onDelete: true, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7474-211c0b61267f", "96653231-03ff-ffff-7474-211c0b61267f", "$oauthRedirects", "codeChallengeMethod", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-7474-270c823816bf", "96653231-03ff-ffff-7474-270c823816bf", "$oauthRedirects", "codeChallenge", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a34-81ffffffffff", "96653231-03ff-ffff-2a34-81ffffffffff", "$files", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a34-f04cffffffff", "96653231-03ff-ffff-2a34-f04cffffffff", "$files", "path", .blob, .one, unique: true, indexed: true, required: true, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a35-24609fffffff", "96653231-03ff-ffff-2a35-24609fffffff", "$files", "size", .blob, .one, unique: false, indexed: true, required: true, type: .number, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a34-29e5e4ffffff", "96653231-03ff-ffff-2a34-29e5e4ffffff", "$files", "content-type", .blob, .one, unique: false, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a34-21a24fffffff", "96653231-03ff-ffff-2a34-21a24fffffff", "$files", "content-disposition", .blob, .one, unique: false, indexed: true, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a34-b40fffffffff", "96653231-03ff-ffff-2a34-b40fffffffff", "$files", "location-id", .blob, .one, unique: true, indexed: true, required: true, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a34-aaffffffffff", "96653231-03ff-ffff-2a34-aaffffffffff", "$files", "key-version", .blob, .one, unique: false, indexed: false, required: false, type: .number, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-2a35-48afffffffff", "96653231-03ff-ffff-2a35-48afffffffff", "$files", "url", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f4-81ffffffffff", "96653231-03ff-ffff-94f4-81ffffffffff", "$streams", "id", .blob, .one, unique: true, indexed: true, required: false, type: nil, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f4-25a08d9a07ff", "96653231-03ff-ffff-94f4-25a08d9a07ff", "$streams", "clientId", .blob, .one, unique: true, indexed: true, required: true, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f4-c008e869103f", "96653231-03ff-ffff-94f4-c008e869103f", "$streams", "machineId", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f4-547fffffffff", "96653231-03ff-ffff-94f4-547fffffffff", "$streams", "$files", .ref, .many, unique: true, indexed: false, required: false, type: nil, reverse: ("96653231-03ff-ffff-2a35-29c48067ffff", "$files", "$stream"), onDelete: false, onDeleteReverse: true),
        .init("96653230-13ff-ffff-94f4-37349fffffff", "96653231-03ff-ffff-94f4-37349fffffff", "$streams", "done", .blob, .one, unique: false, indexed: false, required: false, type: .boolean, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f5-24609fffffff", "96653231-03ff-ffff-94f5-24609fffffff", "$streams", "size", .blob, .one, unique: false, indexed: false, required: false, type: .number, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f4-7048f124dcaf", "96653231-03ff-ffff-94f4-7048f124dcaf", "$streams", "hashedReconnectToken", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
        .init("96653230-13ff-ffff-94f4-00c6712024df", "96653231-03ff-ffff-94f4-00c6712024df", "$streams", "abortReason", .blob, .one, unique: false, indexed: false, required: false, type: .string, reverse: nil, onDelete: false, onDeleteReverse: false),
    ]

    /// Every system attr, in catalogue order.
    public static let attrs: [Attr] = definitions.map { d in
        Attr(
            id: EntityID(d.attrID)!,
            forwardIdentity: Attr.Identity(id: EntityID(d.identID)!, etype: d.etype, label: d.label),
            reverseIdentity: d.reverse.map {
                Attr.Identity(id: EntityID($0.0)!, etype: $0.1, label: $0.2)
            },
            valueType: d.valueType, cardinality: d.cardinality, isUnique: d.unique,
            isIndexed: d.indexed, isRequired: d.required, checkedDataType: d.type,
            onDeleteCascade: d.onDelete, onDeleteReverseCascade: d.onDeleteReverse,
            inferredTypes: nil, catalog: .system)
    }

    /// The system etypes whose names apps may extend with their own attrs (data-model §2.7).
    public static let extensibleEtypes: Set<String> = ["$users", "$files", "$streams"]

    /// Every etype the system catalogue defines.
    public static let etypes: Set<String> = Set(definitions.map(\.etype))

    /// System attrs a transaction may write (data-model §3.2, §8.4).
    public static let writableIdentities: Set<String> = ["$users.id", "$files.id", "$files.path", "$streams.id"]
}
