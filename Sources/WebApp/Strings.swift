/// Learner-facing messages (Dutch, B1), kept in one place so a translation can follow.
/// Page texts live in the Mustache templates under Assets/templates; the account field messages in AppCore's
/// `FieldMessages` (the command line prints them too).
enum Strings {
    static let siteName = "Samenwijzer"

    // Forms
    static let emailTaken = "Er is al een account met dit e-mailadres. Log in, of kies een ander e-mailadres."
    static let passwordMissing = "Vul je wachtwoord in."
    static let currentPasswordWrong = "Je huidige wachtwoord klopt niet."
    static let loginFailed = "Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
    static let loginThrottled = "Er is te vaak een verkeerd wachtwoord gebruikt. Wacht een kwartier en probeer het dan opnieuw."
    static let registrationThrottled = "Vanaf dit adres zijn het afgelopen uur te veel accounts gemaakt. Probeer het over een uur opnieuw."
    static let loginSpacedOut =
        "Voor dit account is vaak een verkeerd wachtwoord gebruikt. Wacht een halve minuut en probeer het dan opnieuw. Op een apparaat waarop je eerder hebt ingelogd, hoef je niet te wachten."
    static let resetRequested =
        "Als dit adres bij ons bekend is, krijg je binnen een paar minuten een e-mail met een link om een nieuw wachtwoord te kiezen. Kijk ook bij ongewenste e-mail. De link werkt een uur."
    static let resetThrottled = "Er zijn vanaf hier te veel nieuwe wachtwoorden gevraagd. Probeer het over een uur opnieuw."
    static let passwordChanged = "Je wachtwoord is gewijzigd. Je bent op andere apparaten uitgelogd."
    static let answerMissing = "Kies of typ eerst een antwoord."
    static let certificateCodeMissing = "Vul de certificaatcode in. Je vindt hem op het certificaat, bijvoorbeeld SW-7K3M-9QXD-4HPA-TR2C."
    static let certificateCodeMalformed =
        "Dit is geen geldige certificaatcode. Een code ziet eruit als SW-7K3M-9QXD-4HPA-TR2C. Controleer de tekens en probeer het opnieuw."
    static let verificationThrottled = "Er zijn vanaf dit adres te veel certificaten opgezocht. Wacht een minuut en probeer het dan opnieuw."

    // Errors
    static let notFoundTitle = "Pagina niet gevonden"
    static let notFoundMessage = "Deze pagina bestaat niet (meer). Misschien is het adres verkeerd getypt, of is de pagina verplaatst."
    static let csrfTitle = "Formulier verlopen"
    static let csrfMessage =
        "Dit formulier is verlopen of kwam niet van deze site. Er is niets opgeslagen. Ga terug, laad de pagina opnieuw en probeer het nog eens."
    static let tooLargeTitle = "Te veel tekst"
    static let tooLargeMessage = "Het formulier bevat te veel tekst. Er is niets opgeslagen. Maak de tekst korter en probeer het opnieuw."
    static let tooManyFieldsMessage = "Het formulier bevat te veel velden. Er is niets opgeslagen. Laad de pagina opnieuw en probeer het nog eens."
    static let storageTitle = "Opslaan lukt nu niet"
    static let storageMessage =
        "We kunnen op dit moment niets opslaan. Wat je net deed, is dus niet bewaard. Lezen kan gewoon. Probeer het over een paar minuten opnieuw. Blijft het misgaan? Neem dan contact op met de beheerder."
    static let badRequestTitle = "Verzoek niet begrepen"
    static let serverErrorTitle = "Er ging iets mis"
    static let serverErrorMessage =
        "Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw. Blijft het misgaan? Neem dan contact op met de beheerder."

    // Admin area
    static let adminOnly = "Deze pagina is alleen voor beheerders. Denk je dat je hier wel bij moet kunnen? Vraag het een beheerder."
    static func adminDateInvalid(_ typed: String) -> String {
        "„\(typed)” is geen datum. Schrijf de datum als jjjj-mm-dd, bijvoorbeeld 2026-01-31."
    }
    static let adminPeriodReversed = "De einddatum ligt voor de begindatum. Kies een einddatum op of na de begindatum."
    static let adminOrganisationUnknown = "Deze organisatie kennen we niet. Kies een organisatie uit de lijst."
    static let adminModuleUnknown = "Deze module bestaat niet. Kies een module uit de lijst."
    static let adminFilterInvalid = "Er klopt iets niet in het filter. Pas het aan en kies opnieuw Toon."
    static let adminVersionUnknown = "Van deze versie zijn geen ingeleverde pogingen. Kies een versie uit de lijst."
    static let adminRoleUnknown = "Deze rol bestaat niet. Kies cursist, auteur of beheerder."
    static let adminOwnRole = "Je kunt je eigen rol niet wijzigen: zo blijft er altijd een beheerder. Vraag een andere beheerder."
    static let adminReasonMissing =
        "Schrijf waarom je het certificaat intrekt. De reden zien alleen beheerders en de eigenaar van het certificaat; de openbare controlepagina noemt alleen de datum."
}
