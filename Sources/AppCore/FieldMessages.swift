/// The Dutch (B1) messages of the field rules, for the learner at a form and the administrator at the terminal.
public enum FieldMessages {
    public static let nameMissing = "Vul je naam in."
    public static let emailMissing = "Vul je e-mailadres in."
    public static let emailInvalid = "Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
    public static let passwordsDiffer = "De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw."
    public static let invisibleCharacters =
        "Hier staat een teken dat niet kan: een onzichtbaar teken, een tab of een nieuwe regel. Typ de tekst opnieuw, zonder te plakken."
    public static let passwordNulCharacter = "Dit wachtwoord bevat een teken dat niet kan (een nul-teken). Kies een ander wachtwoord."
    public static func passwordTooManyBytes(_ limit: Int) -> String {
        "Dit wachtwoord is te lang. Gebruik hoogstens \(limit) tekens. Een letter met een accent of een emoji telt als 2 tot 4 tekens."
    }
    public static func tooLong(_ limit: Int) -> String { "Dit is te lang: gebruik hoogstens \(limit) tekens." }
    public static func passwordTooShort(_ minimum: Int) -> String { "Kies een wachtwoord van minstens \(minimum) tekens." }
}
