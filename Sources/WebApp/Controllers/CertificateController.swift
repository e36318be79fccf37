import AppCore
import Certificates
import ContentEngine
import Foundation
import Hummingbird
import LearnerStore
import RequestParsing

/// Certificates: the learner's own ("Mijn certificaten", the page, the PDF) and the public verification
/// that registers and employers use.
struct CertificateController {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get(SiteURL.myCertificatesRoute, use: list)
        router.get(SiteURL.myCertificateRoute, use: show)
        router.get(SiteURL.myCertificatePDFRoute, use: pdf)
        router.get(SiteURL.verificationStartRoute, use: verificationStart)
        router.get(SiteURL.verificationRoute, use: verify)
        router.get(SiteURL.publicKeyRoute, use: publicKey)
        router.get(SiteURL.publicKeyPEMRoute, use: publicKeyPEM)
    }

    var issuer: SiteCertificates { services.certificates }

    // MARK: The learner's own

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let certificates = try services.database.certificates(userId: user.id)
        let page = CertificateListPage(
            layout: services.views.layout(title: "Mijn certificaten", context: context),
            certificates: certificates.map { record in
                .init(
                    code: record.code,
                    title: record.moduleTitle,
                    date: DutchDate.string(record.completedAt),
                    revoked: record.isRevoked,
                    url: SiteURL.myCertificate(record.code),
                    pdfURL: SiteURL.myCertificatePDF(record.code)
                )
            }
        )
        return try services.views.render(.certificates, page)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let record = try ownCertificate(context, user: user)
        let page = CertificatePage(
            layout: services.views.layout(title: "Certificaat \(record.moduleTitle)", context: context),
            certificate: certificateFields(record, showsRevocationReason: true),
            pdfURL: SiteURL.myCertificatePDF(record.code)
        )
        return try services.views.render(.certificate, page)
    }

    @Sendable func pdf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let record = try ownCertificate(context, user: user)
        guard let data = try issuer.pdf(of: record) else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = "application/pdf"
        headers[.contentDisposition] = "attachment; filename=\"certificaat-\(record.code).pdf\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Another learner's certificate is "not found", exactly like a code that does not exist: nothing tells a
    /// guesser that a code is real.
    private func ownCertificate(_ context: AppRequestContext, user: KnownUser) throws -> CertificateRecord {
        guard let code = context.parameters.get("code").flatMap(CertificateCode.init(parsing:)),
            let record = try services.database.certificate(code: code.description), record.userId == user.id
        else { throw AppError.notFound }
        return record
    }

    // MARK: Public verification

    /// How verification works, with a field to type a code.
    @Sendable func verificationStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        var errors = FormErrors()
        var typed = ""
        // Read as the GET form sends it: a code typed with spaces arrives with `+` for each.
        if let input = try request.formQuery["code"] {
            typed = String(input.prefix(100))
            if let code = CertificateCode(parsing: input) {
                return .redirect(to: SiteURL.verification(code.description), type: .normal)
            }
            errors.add("code", input.trimmingCharacters(in: .whitespaces).isEmpty ? Strings.certificateCodeMissing : Strings.certificateCodeMalformed)
        }
        let page = VerifyStartPage(
            layout: services.views.layout(title: "Certificaat controleren", context: context),
            form: errors,
            codeField: FormField(
                "code",
                label: "Certificaatcode",
                value: typed,
                autocomplete: "off",
                hint: "Bijvoorbeeld SW-7K3M-9QXD-4HPA-TR2C. Je vindt de code op het certificaat.",
                maxLength: 40,
                errors: errors
            )
        )
        return try services.views.render(.verifyStart, page, status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable func verify(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard services.verificationLimiter.allow(context.clientKey) else {
            return services.views.errorPage(
                status: .tooManyRequests,
                title: "Even wachten",
                message: Strings.verificationThrottled,
                context: context
            )
        }
        let input = context.parameters.get("code") ?? ""
        guard let code = CertificateCode(parsing: input), let record = try services.database.certificate(code: code.description) else {
            let page = VerifyNotFoundPage(layout: services.views.layout(title: "Certificaat niet gevonden", context: context))
            return try services.views.render(.verifyNotFound, page, status: .notFound)
        }
        // One address per certificate: a code typed in lower case or without dashes goes to the canonical page.
        if input != record.code { return .redirect(to: SiteURL.verification(record.code), type: .permanent) }
        let page = VerifyPage(
            layout: services.views.layout(title: "Certificaat \(record.code)", context: context),
            certificate: certificateFields(record, showsRevocationReason: false)
        )
        return try services.views.render(.verify, page)
    }

    @Sendable func publicKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = PublicKeyPage(
            layout: services.views.layout(title: "Publieke sleutel voor certificaten", context: context),
            keyId: issuer.signer.keyId,
            publicKey: issuer.signer.publicKeyBase64,
            pem: issuer.signer.publicKeyPEM
        )
        return try services.views.render(.publicKey, page)
    }

    @Sendable func publicKeyPEM(_ request: Request, context: AppRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-pem-file"
        headers[.contentDisposition] = "attachment; filename=\"samenwijzer-certificaten-\(issuer.signer.keyId).pem\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: issuer.signer.publicKeyPEM)))
    }

    /// Every printed field, the signature status and the revocation: the learner's page and the public page
    /// show the same, so what a learner sees is what a verifier will see. Only the reason of a revocation is left
    /// off the public page: it may say something about the person ("fraude"), and a verifier needs only the fact.
    func certificateFields(_ record: CertificateRecord, showsRevocationReason: Bool) -> CertificateFields {
        let check = CertificateCheck.check(record, signer: issuer.signer)
        let content = check.content
        return CertificateFields(
            code: record.code,
            learnerName: record.learnerName,
            moduleTitle: record.moduleTitle,
            moduleVersion: record.moduleVersion,
            studyLoad: content?.studyLoadText ?? "",
            score: record.scorePercent,
            completedOn: content?.completedOnText ?? "",
            accreditations: (content?.accreditations ?? []).map(CertificateContent.text),
            hasAccreditations: !record.accreditations.isEmpty,
            verificationURL: issuer.verificationURL(record.code),
            keyId: record.keyId,
            signature: record.signature,
            signatureStatus: check.signature,
            revoked: record.revokedAt.map { .init(date: DutchDate.string($0), reason: showsRevocationReason ? record.revokedReason : nil) }
        )
    }
}
