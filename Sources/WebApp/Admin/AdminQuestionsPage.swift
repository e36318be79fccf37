import Mustache

/// The item analysis of a module's quiz (`admin-questions` template).
struct AdminQuestionsPage: MustacheParent {
    /// The thresholds of the signals, as the explanation above the table writes them.
    struct Thresholds: MustacheParent {
        func child(named name: String) -> Any? {
            switch name {
            case "easy": AdminFormat.twoDecimals(AdminController.ItemThresholds.tooEasy)
            case "hard": AdminFormat.twoDecimals(AdminController.ItemThresholds.tooHard)
            case "discrimination": AdminFormat.twoDecimals(AdminController.ItemThresholds.weakDiscrimination)
            default: nil
            }
        }
    }

    /// One question's line (`AdminController.ItemRow`, which the CSV export writes too).
    struct Item: MustacheParent {
        struct Choice: MustacheParent {
            let choice: (id: String, label: String, correct: Bool, count: Int, share: String)

            func child(named name: String) -> Any? {
                switch name {
                case "id": choice.id
                case "label": choice.label
                case "correct": choice.correct
                case "count": choice.count
                case "share": choice.share
                default: nil
                }
            }
        }

        let row: AdminController.ItemRow

        func child(named name: String) -> Any? {
            switch name {
            case "id": row.id
            case "text": row.text
            case "kind": row.kind
            case "presented": row.presented
            case "answered": row.answered
            case "facility": row.facility
            case "discrimination": row.discrimination
            case "signals": row.signals
            case "hasSignals": !row.signals.isEmpty
            case "hasChoices": !row.choices.isEmpty
            case "choices": row.choices.map(Choice.init)
            default: nil
            }
        }
    }

    /// Nil when the filter is invalid.
    struct Results {
        let attempts: Int
        /// Which module versions the answers come from; nil without attempts.
        let versionSummary: String?
        let exportURL: String
        let items: [Item]
    }

    let admin: AdminLayout
    let module: AdminModuleHeading
    let results: Results?

    func child(named name: String) -> Any? {
        switch name {
        case "module": module
        case "thresholds": Thresholds()
        case "results": results != nil
        case "attempts": results?.attempts
        case "versionSummary": results?.versionSummary
        case "exportURL": results?.exportURL
        case "items": results?.items
        default: admin.child(named: name)
        }
    }
}
