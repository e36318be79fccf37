import AppCore
import ContentEngine
import Foundation
import Hummingbird
import LearnerStore

/// What the controllers share: built once in `buildApplication`.
struct Services: Sendable {
    let configuration: WebAppConfiguration
    let catalog: RenderedCatalog
    let database: any LearnerDataStore
    let sessions: SessionManager
    let progress: ProgressTracker
    let views: Views
    let passwords: Passwords
    /// Every lesson page pre-rendered with markers for the learner's parts; keyed by `PageSkeletons.key`.
    let skeletons: [String: PageSkeleton]
    /// Issues (inside the completing transaction), signs, prints and checks certificates.
    let certificates: SiteCertificates
    /// Brakes guessing on the public certificate lookup: 30 lookups a minute per client.
    let verificationLimiter = RateLimiter(limit: 30, window: 60)
    /// Brakes mass registration: 30 new accounts an hour per client (a class registering together behind one
    /// school address still fits).
    let registrationLimiter = RateLimiter(limit: 30, window: 3600)
    /// Where account mail goes (queued; off without SMTP settings).
    let mail: MailOutbox
    /// Brakes reset requests: 10 an hour per client and 3 an hour per address (each one sends a mail).
    let resetLimiterPerClient = RateLimiter(limit: 10, window: 3600)
    let resetLimiterPerAddress = RateLimiter(limit: 3, window: 3600)
    /// Browsers that logged in to an account before: exempt from the account-wide login spacing (`LoginThrottle`).
    let knownDevice: KnownDevice
}
