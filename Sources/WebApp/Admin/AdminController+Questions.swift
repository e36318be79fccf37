import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// Item analysis of a module's final quiz: the page and its CSV export, built from the same rows.
extension AdminController {
    /// Thresholds for the signals next to a question (common rules of thumb in classical test theory).
    enum ItemThresholds {
        static let tooEasy = 0.95
        static let tooHard = 0.30
        static let weakDiscrimination = 0.20
    }

    /// One question's line, as both the page and the CSV show it.
    struct ItemRow {
        var id: String
        var text: String
        var kind: String
        var presented: Int
        var answered: Int
        var facility: String
        var discrimination: String
        var signals: [String]
        var choices: [(id: String, label: String, correct: Bool, count: Int, share: String)]

        var choiceSummary: String {
            choices.map { "\($0.id)\($0.correct ? " (goed)" : ""): \($0.count)" }.joined(separator: " | ")
        }

        var csvCells: [CSV.Cell] {
            [
                .text(id), .text(text), .text(kind), .number("\(presented)"), .number("\(answered)"), .number(facility), .number(discrimination),
                .text(signals.joined(separator: " ")), .text(choiceSummary),
            ]
        }

        static let csvHeader: [CSV.Cell] = [
            "Vraag-id", "Vraag", "Soort", "Getoond", "Beantwoord", "Facility (aandeel goed)",
            "Discriminatie (item-rest)", "Signalen", "Keuzes",
        ].map { .text($0) }
    }

    static let kindNames: [Question.Kind: String] = [
        .single: "één antwoord", .multiple: "meer antwoorden", .truefalse: "waar/niet waar", .match: "koppelen", .order: "volgorde",
        .text: "open",
    ]

    /// The rows in the module's question order; questions that left the module but have answers come last.
    static func itemRows(_ analysis: ItemAnalysis, quiz: Quiz) -> [ItemRow] {
        var statistics = Dictionary(uniqueKeysWithValues: analysis.items.map { ($0.questionId, $0) })
        var rows: [ItemRow] = quiz.questions.map { question in
            let item = statistics.removeValue(forKey: question.id)
            return row(question.id, question: question, item: item)
        }
        rows += statistics.keys.sorted().map { row($0, question: nil, item: statistics[$0]) }
        return rows
    }

    private static func row(_ id: String, question: Question?, item: ItemStatistics?) -> ItemRow {
        var signals: [String] = []
        if let facility = item?.facility {
            if facility > ItemThresholds.tooEasy { signals.append("Te makkelijk.") }
            if facility < ItemThresholds.tooHard { signals.append("Te moeilijk.") }
        }
        if let discrimination = item?.discrimination, discrimination < ItemThresholds.weakDiscrimination {
            signals.append("Onderscheidt niet.")
        }
        let answered = item?.answered ?? 0
        let choices = (question?.choices ?? []).map { choice in
            let count = item?.choiceCounts[choice.id] ?? 0
            return (
                id: choice.id, label: choice.content.normalizedText, correct: choice.isCorrect, count: count,
                share: AdminFormat.percent(answered > 0 ? Double(count) / Double(answered) : nil)
            )
        }
        if answered > 0 {
            for choice in choices where !choice.correct && choice.count == 0 { signals.append("Afleider \(choice.id) wordt nooit gekozen.") }
        }
        return ItemRow(
            id: id,
            text: question?.prompt.normalizedText ?? "(staat niet meer in de module)",
            kind: question.map { kindNames[$0.kind] ?? $0.kind.rawValue } ?? AdminFormat.none,
            presented: item?.presented ?? 0,
            answered: answered,
            facility: AdminFormat.twoDecimals(item?.facility),
            discrimination: AdminFormat.twoDecimals(item?.discrimination),
            signals: signals,
            choices: choices
        )
    }

    /// The module, its quiz and the analysis for the request's filter; nil analysis when the filter is invalid.
    func itemAnalysis(_ request: Request, context: AppRequestContext) throws -> (Module, Quiz, AdminFilter, ItemAnalysis?, [String]) {
        let module = try knownModule(context)
        guard let quiz = module.quiz else { throw AppError.notFound }
        var filter = try AdminFilter(request, services: services, allowsModule: true)
        let versions = try services.database.quizVersions(moduleId: module.id)
        if !filter.version.isEmpty, !versions.contains(filter.version) { filter.errors.add("versie", Strings.adminVersionUnknown) }
        guard filter.errors.isEmpty else { return (module, quiz, filter, nil, versions) }
        return (module, quiz, filter, try services.database.itemAnalysis(moduleId: module.id, filter.statistics), versions)
    }

    static func versionSummary(_ analysis: ItemAnalysis) -> String {
        analysis.versions.map { "\($0.version) (\($0.attempts) \($0.attempts == 1 ? "poging" : "pogingen"))" }.joined(separator: ", ")
    }

    @Sendable func questions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let (module, quiz, filter, analysis, versions) = try itemAnalysis(request, context: context)
        let action = SiteURL.adminQuestions(module.id)
        let admin = try adminLayout(
            title: "Beheer: toetsvragen van \(module.title)",
            context: context,
            filter: filter,
            action: action,
            versions: versions
        )
        let heading = AdminModuleHeading(title: module.title, version: module.version, url: SiteURL.adminModule(module.id))
        guard let analysis else {
            return try services.views.render(.adminQuestions, AdminQuestionsPage(admin: admin, module: heading, results: nil), status: .badRequest)
        }
        let results = AdminQuestionsPage.Results(
            attempts: analysis.attempts,
            versionSummary: analysis.attempts > 0 ? Self.versionSummary(analysis) : nil,
            exportURL: SiteURL.with(SiteURL.adminQuestionsExport(module.id), query: filter.query),
            items: Self.itemRows(analysis, quiz: quiz).map(AdminQuestionsPage.Item.init)
        )
        return try services.views.render(.adminQuestions, AdminQuestionsPage(admin: admin, module: heading, results: results))
    }

    @Sendable func questionsExport(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdmin(request)
        let (module, quiz, filter, analysis, _) = try itemAnalysis(request, context: context)
        guard let analysis else { throw AppError.badRequest(filter.errors.errors.first?.message ?? Strings.adminFilterInvalid) }
        let versions = Self.versionSummary(analysis)
        var text = CSV.byteOrderMark + CSV.line(ItemRow.csvHeader + [.text("Versies")])
        for row in Self.itemRows(analysis, quiz: quiz) { text += CSV.line(row.csvCells + [.text(versions)]) }
        return Response(
            status: .ok,
            headers: CSV.headers(filename: "toetsvragen-\(module.id).csv"),
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
