import Foundation

/// Reading progress: pages seen and inline checks answered.
public protocol ProgressStore: Sendable {
    /// Records that a learner opened a page: the page counts as seen, and it becomes the resume point. Returns
    /// true when something changed (callers cache and skip repeat visits).
    @discardableResult func recordPageVisit(userId: Int64, moduleId: String, lessonId: String, pageId: String, at date: Date) async throws -> Bool
    /// Including pages that no longer exist; callers intersect with the module as it is now.
    func seenPageIds(userId: Int64, moduleId: String) throws -> Set<String>
    func progress(userId: Int64, moduleId: String) throws -> ModuleProgress?
    /// Every module the learner started, with the pages seen in each.
    func allProgress(userId: Int64) throws -> [(progress: ModuleProgress, seenPageIds: Set<String>)]
    /// Stores an inline check's answer; a new answer replaces the old one.
    func recordCheckAnswer(_ answer: CheckAnswer) async throws
    /// The learner's check answers in a module, by check id.
    func checkAnswers(userId: Int64, moduleId: String) throws -> [String: CheckAnswer]
}

extension ProgressStore {
    @discardableResult public func recordPageVisit(userId: Int64, moduleId: String, lessonId: String, pageId: String) async throws -> Bool {
        try await recordPageVisit(userId: userId, moduleId: moduleId, lessonId: lessonId, pageId: pageId, at: Date())
    }
}
