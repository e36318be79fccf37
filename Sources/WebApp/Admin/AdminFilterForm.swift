import AppCore
import Mustache

/// The filter form of the statistics pages (`admin-filter` partial): values as typed, the choices, errors per field.
/// Only present errors are answered: in Mustache an empty string still opens a section.
struct AdminFilterForm: MustacheParent {
    struct Organisation: MustacheParent {
        let name: String
        let selected: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "selected": selected
            default: nil
            }
        }
    }

    struct ModuleChoice: MustacheParent {
        let id: String
        let title: String
        let selected: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "id": id
            case "title": title
            case "selected": selected
            default: nil
            }
        }
    }

    struct Version: MustacheParent {
        let version: String
        let selected: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "version": version
            case "selected": selected
            default: nil
            }
        }
    }

    let action: String
    /// A date input may only hold a valid date (else the HTML is invalid): what was typed is in the error.
    let from: String
    let until: String
    let errors: FormErrors
    let organisations: [Organisation]
    /// Only where a module can be chosen (the completions).
    let modules: [ModuleChoice]?
    /// Only on the item analysis.
    let versions: [Version]?
    /// Only on the item analysis: shown when there is a choice, or when the asked version must be marked unknown.
    let hasVersions: Bool?

    func child(named name: String) -> Any? {
        switch name {
        case "action": action
        case "from": from
        case "until": until
        case "form": ErrorSummary(errors)
        case "organisations": organisations
        case "fromError": errors["van"]
        case "untilError": errors["tot"]
        case "organisationError": errors["organisatie"]
        case "moduleError": errors["module"]
        case "versionError": errors["versie"]
        case "hasModules": modules != nil
        case "modules": modules
        case "hasVersions": hasVersions
        case "versions": versions
        default: nil
        }
    }
}
