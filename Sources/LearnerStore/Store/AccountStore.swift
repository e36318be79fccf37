import Foundation

/// Accounts: registration, lookup, passwords and roles.
public protocol AccountStore: Sendable {
    /// Registers a user. Throws `StoreError.emailTaken` when the e-mail (any case) is in use.
    func createUser(email: String, name: String, organisation: String?, passwordHash: String, role: User.Role, at date: Date) throws -> User

    /// Registration: the account and, when `session` is given, its first session (made from the new user's id) in
    /// one transaction, so they exist together or not at all. Throws `StoreError.emailTaken` as `createUser` does.
    func register(
        email: String,
        name: String,
        organisation: String?,
        passwordHash: String,
        role: User.Role,
        at date: Date,
        session: (@Sendable (_ userId: Int64) -> Session)?
    ) throws -> (user: User, session: Session?)

    func user(email: String) throws -> User?
    func user(id: Int64) throws -> User?

    /// A password change as one transaction: the new hash, every session of the user ended, every reset link of
    /// the user spent, and `session` (the changer's renewed one) stored.
    func changePassword(userId: Int64, hash: String, replacingSession oldId: String?, with session: Session?) throws

    /// Users whose name or e-mail contains `search` (any case, `%` and `_` literal), optionally of one role, sorted
    /// by name: the total number of matches and one page of them.
    func users(search: String, role: User.Role?, limit: Int, offset: Int) throws -> (total: Int, users: [User])

    /// Changes a user's role. Throws `StoreError.unknownUser` for an unknown id.
    func setRole(userId: Int64, _ role: User.Role) throws
}

extension AccountStore {
    /// A learner's registration now, with its first session.
    public func register(
        email: String,
        name: String,
        organisation: String?,
        passwordHash: String,
        session: (@Sendable (_ userId: Int64) -> Session)?
    ) throws -> (user: User, session: Session?) {
        try register(email: email, name: name, organisation: organisation, passwordHash: passwordHash, role: .learner, at: Date(), session: session)
    }

    public func createUser(email: String, name: String, organisation: String?, passwordHash: String, role: User.Role = .learner) throws -> User {
        try createUser(email: email, name: name, organisation: organisation, passwordHash: passwordHash, role: role, at: Date())
    }
}
