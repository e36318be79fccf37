import Foundation
import GRDB

/// Which learners and which period a statistics request covers. Every field is optional: nil means "all".
public struct StatisticsFilter: Sendable, Hashable {
    public var moduleId: String?
    /// Exactly as learners typed it at registration (the `user.organisation` column).
    public var organisation: String?
    /// Start of the period, inclusive.
    public var from: Date?
    /// End of the period, exclusive (the caller passes the start of the day after the last day).
    public var until: Date?
    /// Item analysis only: answers from attempts made on this module version.
    public var moduleVersion: String?

    public init(moduleId: String? = nil, organisation: String? = nil, from: Date? = nil, until: Date? = nil, moduleVersion: String? = nil) {
        self.moduleId = moduleId
        self.organisation = organisation
        self.from = from
        self.until = until
        self.moduleVersion = moduleVersion
    }

    /// The WHERE conditions of this filter for a table aliased `alias` whose period is decided by `dateColumn`.
    /// Organisation is a subquery on `user` (indexed), so no statistics query needs a join for it.
    func conditions(_ alias: String, date dateColumn: String, module: Bool = true) -> SQLConditions {
        var conditions = SQLConditions()
        if module, let moduleId { conditions.add("\(alias).moduleId = ?", moduleId) }
        if let organisation { conditions.add("\(alias).userId IN (SELECT id FROM user WHERE organisation = ?)", organisation) }
        if let from { conditions.add("\(alias).\(dateColumn) >= ?", from) }
        if let until { conditions.add("\(alias).\(dateColumn) < ?", until) }
        return conditions
    }
}

/// SQL conditions joined by AND, with their arguments in order. Values are always bound, never spliced.
struct SQLConditions {
    private var clauses: [String] = []
    private(set) var arguments = StatementArguments()

    mutating func add(_ clause: String, _ values: (any DatabaseValueConvertible)...) {
        clauses.append(clause)
        arguments += StatementArguments(values)
    }

    var sql: String { clauses.isEmpty ? "1" : clauses.joined(separator: " AND ") }
}
