extension TransactionContext {
    /// The context of the server's own writes to system namespaces (auth rows): it may
    /// write the guarded `$users`, `$magicCodes`, `$userRefreshTokens` and `$oauth*`
    /// attrs that client and admin transactions may not (data-model §8.4); the guards
    /// that hold even for admins (`$files`, `$streams`) still apply.
    public static var system: TransactionContext { TransactionContext(isAdmin: true) }
}
