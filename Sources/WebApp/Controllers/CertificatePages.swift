import AppCore
import Certificates
import Mustache

/// Every printed field of a certificate, its signature status and its revocation, for the `certificate-fields` and
/// `certificate-status` partials: the learner's page and the public page show the same.
struct CertificateFields: MustacheParent {
    struct Revocation: MustacheParent {
        let date: String
        /// Only on the learner's own page: it may say something about the person.
        let reason: String?

        func child(named name: String) -> Any? {
            switch name {
            case "date": date
            case "reason": reason
            default: nil
            }
        }
    }

    let code: String
    let learnerName: String
    let moduleTitle: String
    let moduleVersion: String
    let studyLoad: String
    let score: Int
    let completedOn: String
    let accreditations: [String]
    /// From the record: "geen" is printed when it has none.
    let hasAccreditations: Bool
    let verificationURL: String
    let keyId: String
    let signature: String
    let signatureStatus: CertificateSigner.SignatureStatus
    let revoked: Revocation?

    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "learnerName": learnerName
        case "moduleTitle": moduleTitle
        case "moduleVersion": moduleVersion
        case "studyLoad": studyLoad
        case "score": score
        case "completedOn": completedOn
        case "accreditations": accreditations
        case "hasAccreditations": hasAccreditations
        case "verificationURL": verificationURL
        case "keyId": keyId
        case "signature": signature
        case "signatureValid": signatureStatus == .valid
        case "signatureInvalid": signatureStatus == .invalid
        case "signatureUnknownKey": signatureStatus == .unknownKey
        case "revoked": revoked
        default: nil
        }
    }
}

/// "Mijn certificaten" (`certificates` template).
struct CertificateListPage: MustacheParent {
    struct Row: MustacheParent {
        let code: String
        let title: String
        let date: String
        let revoked: Bool
        let url: String
        let pdfURL: String

        func child(named name: String) -> Any? {
            switch name {
            case "code": code
            case "title": title
            case "date": date
            case "revoked": revoked
            case "url": url
            case "pdfURL": pdfURL
            default: nil
            }
        }
    }

    let layout: PageLayout
    let certificates: [Row]

    func child(named name: String) -> Any? {
        switch name {
        case "certificates": certificates
        case "hasCertificates": !certificates.isEmpty
        default: layout.child(named: name)
        }
    }
}

/// The learner's own certificate (`certificate` template).
struct CertificatePage: MustacheParent {
    let layout: PageLayout
    let certificate: CertificateFields
    let pdfURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "certificate": certificate
        case "pdfURL": pdfURL
        default: layout.child(named: name)
        }
    }
}

/// How verification works, with a field for a code (`verify-start` template).
struct VerifyStartPage: MustacheParent {
    let layout: PageLayout
    let form: FormErrors
    let codeField: FormField

    func child(named name: String) -> Any? {
        switch name {
        case "form": ErrorSummary(form)
        case "codeField": codeField
        case "publicKeyURL": SiteURL.publicKey
        default: layout.child(named: name)
        }
    }
}

/// The public page of a certificate (`verify` template).
struct VerifyPage: MustacheParent {
    let layout: PageLayout
    let certificate: CertificateFields

    func child(named name: String) -> Any? {
        switch name {
        case "certificate": certificate
        case "publicKeyURL": SiteURL.publicKey
        default: layout.child(named: name)
        }
    }
}

/// No certificate has the code (`verify-not-found` template).
struct VerifyNotFoundPage: MustacheParent {
    let layout: PageLayout

    func child(named name: String) -> Any? {
        switch name {
        case "verificationStartURL": SiteURL.verificationStart
        default: layout.child(named: name)
        }
    }
}

/// The signing key, for checking signatures oneself (`public-key` template).
struct PublicKeyPage: MustacheParent {
    let layout: PageLayout
    let keyId: String
    /// Base64.
    let publicKey: String
    let pem: String

    func child(named name: String) -> Any? {
        switch name {
        case "keyId": keyId
        case "publicKey": publicKey
        case "pem": pem
        case "pemURL": SiteURL.publicKeyPEM
        default: layout.child(named: name)
        }
    }
}
