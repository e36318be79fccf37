import ContentEngine
import DomainValues
import Foundation
import Hummingbird
import LearnerStore
import RequestParsing

/// Completions: a paged list on screen and a streamed CSV export for accreditation registers. Both take their rows
/// from `AppDatabase.completions` in the same order and their cells from `CompletionCells`, so the export holds
/// exactly what the screen shows for the same filter.
extension AdminController {
    static let completionsPerPage = 50
    /// Rows per database read while streaming: memory stays bounded whatever the number of completions.
    static let exportBatch = 1000

    static let completionHeader = [
        "Naam", "E-mailadres", "Organisatie", "Module", "Versie", "Studiebelasting", "Accreditatie",
        "Score", "Datum afgerond", "Certificaatcode",
    ]

    /// Turns completion rows into cells. Remembers what repeats on every row of a module (title, study load,
    /// accreditations), which kept the export of a hundred thousand rows from formatting the same text each time.
    struct CompletionCells {
        let catalog: RenderedCatalog
        private var accreditationTexts: [[Accreditation]: String] = [:]
        private var hourTexts: [Int: String] = [:]
        /// Dutch dates by UTC hour: time zone offsets are whole hours, and rows come in time order.
        private var dayTexts: [Int: String] = [:]

        init(catalog: RenderedCatalog) { self.catalog = catalog }

        mutating func cells(_ row: CompletionRow) -> [CSV.Cell] {
            let module = catalog[row.moduleId]?.module
            let accreditations =
                row.accreditations
                ?? module?.accreditations ?? []
            let accreditationText =
                accreditationTexts[accreditations]
                ?? {
                    let text = accreditations.map { "\($0.register) \($0.number) (\($0.dutchPoints) punten)" }
                        .joined(separator: ", ")
                    accreditationTexts[accreditations] = text
                    return text
                }()
            let minutes = row.studyLoadMinutes ?? module?.studyLoadMinutes
            let hours =
                minutes.flatMap { hourTexts[$0] }
                ?? {
                    let text = AdminFormat.hours(minutes: minutes)
                    if let minutes { hourTexts[minutes] = text }
                    return text
                }()
            let code = row.certificateCode.map { row.certificateRevoked ? "\($0) (ingetrokken)" : $0 } ?? ""
            let hour = Int((row.completedAt.timeIntervalSince1970 / 3600).rounded(.down))
            let day =
                dayTexts[hour]
                ?? {
                    let text = DutchDate.string(row.completedAt)
                    if dayTexts.count > 10_000 { dayTexts.removeAll() }
                    dayTexts[hour] = text
                    return text
                }()
            return [
                .text(row.name), .text(row.email), .text(row.organisation ?? ""), .text(row.moduleTitle ?? module?.title ?? row.moduleId),
                .text(row.moduleVersion ?? ""), .number(hours), .text(accreditationText),
                .number(row.scorePercent.map { "\($0) %" } ?? ""), .number(day), .text(code),
            ]
        }
    }

    @Sendable func completions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let filter = try AdminFilter(request, services: services, allowsModule: true)
        let admin = try adminLayout(
            title: "Beheer: voltooiingen",
            context: context,
            filter: filter,
            action: SiteURL.adminCompletions,
            moduleChoice: true
        )
        guard filter.errors.isEmpty else {
            return try services.views.render(.adminCompletions, AdminCompletionsPage(admin: admin, results: nil), status: .badRequest)
        }
        let total = try services.database.completionCount(filter.statistics)
        let pages = max(1, (total + Self.completionsPerPage - 1) / Self.completionsPerPage)
        let page = RequestNumber.page(try request.formQuery["pagina"], maximum: pages)
        let rows = try services.database.completions(
            filter.statistics,
            limit: Self.completionsPerPage,
            offset: (page - 1) * Self.completionsPerPage
        )
        var maker = CompletionCells(catalog: services.catalog)
        let results = AdminCompletionsPage.Results(
            total: total,
            rows: rows.map { row in
                let cells = maker.cells(row).map { cell -> String in
                    switch cell {
                    case .text(let text), .number(let text): return text
                    }
                }
                return .init(userURL: SiteURL.adminUser(row.userId), name: cells[0], rest: Array(cells.dropFirst()))
            },
            exportURL: SiteURL.with(SiteURL.adminCompletionsExport, query: filter.query),
            paging: Paging(page: page, of: pages, path: SiteURL.adminCompletions, query: filter.query)
        )
        return try services.views.render(.adminCompletions, AdminCompletionsPage(admin: admin, results: results))
    }

    @Sendable func completionsExport(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let filter = try AdminFilter(request, services: services, allowsModule: true)
        guard filter.errors.isEmpty else { throw AppError.badRequest(filter.errors.errors.first?.message ?? Strings.adminFilterInvalid) }
        let statistics = filter.statistics
        let database = services.database
        let catalog = services.catalog
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: CSV.byteOrderMark + CSV.line(Self.completionHeader.map { .text($0) })))
            var cursor: CompletionCursor?
            var maker = CompletionCells(catalog: catalog)
            while true {
                // A short synchronous read per batch (async reads starved the cooperative pool, see AppDatabase).
                let rows = try database.completions(statistics, after: cursor, limit: Self.exportBatch)
                guard let last = rows.last else { break }
                var chunk = ""
                for row in rows { chunk += CSV.line(maker.cells(row)) }
                try await writer.write(ByteBuffer(string: chunk))
                if rows.count < Self.exportBatch { break }
                cursor = last.cursor
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: CSV.headers(filename: "voltooiingen.csv"), body: body)
    }
}
