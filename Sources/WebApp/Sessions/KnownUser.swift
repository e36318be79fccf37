import LearnerStore

/// A user as stored: always with an id. `User.id` is optional only because a record has none before it is
/// inserted; everything the site gets from a session or the users table has one, and this type says so, so no
/// handler has to invent a fallback id. Other fields are read straight through (`user.name`, `user.role`).
@dynamicMemberLookup
struct KnownUser: Sendable {
    let id: Int64
    let record: User

    /// Nil for a record that was never stored.
    init?(_ record: User) {
        guard let id = record.id else { return nil }
        self.id = id
        self.record = record
    }

    subscript<Value>(dynamicMember keyPath: KeyPath<User, Value>) -> Value { record[keyPath: keyPath] }
}
