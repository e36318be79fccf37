import AppCore
import ContentEngine
import DomainValues
import Foundation
import Hummingbird
import LearnerStore
import RequestParsing

/// The filter fields of the admin pages as typed (query parameters), checked and turned into a
/// `StatisticsFilter`. Problems are collected per field, so the page can mark them; nothing invalid reaches SQL.
struct AdminFilter {
    /// As typed, for refilling the form and for export links.
    var from = ""
    var until = ""
    var organisation = ""
    var module = ""
    var version = ""
    var errors = FormErrors()
    var statistics = StatisticsFilter()

    /// Reads `van`, `tot`, `organisatie` and (when `allowsModule`) `module` and `versie`.
    init(_ request: Request, services: Services, allowsModule: Bool = false) throws {
        let query = try request.formQuery
        func value(_ name: String) -> String { String((query[name] ?? "").prefix(200)).trimmingCharacters(in: .whitespaces) }
        from = value("van")
        until = value("tot")
        organisation = value("organisatie")
        if allowsModule {
            module = value("module")
            version = value("versie")
        }
        if !from.isEmpty {
            if let date = Self.day(from) { statistics.from = date } else { errors.add("van", Strings.adminDateInvalid(from)) }
        }
        if !until.isEmpty {
            // The last day counts whole: the period ends at the start of the next day.
            if let date = Self.day(until) {
                statistics.until = DutchCalendar.calendar.date(byAdding: .day, value: 1, to: date)
            } else {
                errors.add("tot", Strings.adminDateInvalid(until))
            }
        }
        if let start = statistics.from, let end = statistics.until, end <= start { errors.add("tot", Strings.adminPeriodReversed) }
        if !organisation.isEmpty {
            if try services.database.organisationExists(organisation) {
                statistics.organisation = organisation
            } else {
                errors.add("organisatie", Strings.adminOrganisationUnknown)
            }
        }
        if !module.isEmpty {
            if services.catalog[module] != nil { statistics.moduleId = module } else { errors.add("module", Strings.adminModuleUnknown) }
        }
        if !version.isEmpty { statistics.moduleVersion = version }
    }

    /// A day written `jjjj-mm-dd` (what `<input type="date">` sends), as the start of that day in Dutch time.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1900...2999).contains(year)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        // Rejects 2026-02-30 and 2026-13-01 instead of rolling them over.
        guard components.isValidDate(in: DutchCalendar.calendar), let date = DutchCalendar.calendar.date(from: components) else { return nil }
        return date
    }

    /// The filter as query items, to carry it to links and exports.
    var query: [(String, String)] {
        [("van", from), ("tot", until), ("organisatie", organisation), ("module", module), ("versie", version)]
    }

    /// The filter form's model; `versions` only for the item analysis, whose filter has a version field.
    func form(
        action: String,
        organisations: [String],
        modules: [(id: String, title: String)]? = nil,
        versions: [String]? = nil
    ) -> AdminFilterForm {
        AdminFilterForm(
            action: action,
            from: Self.day(from) == nil ? "" : from,
            until: Self.day(until) == nil ? "" : until,
            errors: errors,
            organisations: organisations.map { .init(name: $0, selected: $0 == organisation) },
            modules: modules?.map { .init(id: $0.id, title: $0.title, selected: $0.id == module) },
            versions: versions?.map { .init(version: $0, selected: $0 == version) },
            hasVersions: versions.map { !$0.isEmpty || !version.isEmpty }
        )
    }
}
