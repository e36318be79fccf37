import ContentEngine
import Foundation
import LearnerStore

/// Page visits with a cache in front: opening a page that was already seen, and that is already the resume
/// point, writes nothing. Only this process writes progress, so the cache cannot go stale.
final class ProgressTracker: Sendable {
    let database: any ProgressStore
    private let cache = LockedCache<Key, Entry>(capacity: 100_000)

    struct Key: Hashable, Sendable {
        var userId: Int64
        var moduleId: String
    }

    struct Entry: Sendable {
        var seen: Set<String>
        var lastLessonId: String?
        var lastPageId: String?
    }

    init(database: any ProgressStore) {
        self.database = database
    }

    func entry(userId: Int64, moduleId: String) throws -> Entry {
        let key = Key(userId: userId, moduleId: moduleId)
        if let cached = cache[key] { return cached }
        let seen = try database.seenPageIds(userId: userId, moduleId: moduleId)
        let progress = try database.progress(userId: userId, moduleId: moduleId)
        let entry = Entry(seen: seen, lastLessonId: progress?.lastLessonId, lastPageId: progress?.lastPageId)
        cache[key] = entry
        return entry
    }

    /// Records a visit (one transaction) unless it changes nothing; returns the pages seen afterwards and
    /// whether this page was seen for the first time.
    func visit(userId: Int64, moduleId: String, lessonId: String, pageId: String) async throws -> (seen: Set<String>, isFirstVisit: Bool) {
        var current = try entry(userId: userId, moduleId: moduleId)
        let isFirstVisit = !current.seen.contains(pageId)
        if !isFirstVisit, current.lastPageId == pageId, current.lastLessonId == lessonId {
            return (current.seen, false)
        }
        _ = try await database.recordPageVisit(userId: userId, moduleId: moduleId, lessonId: lessonId, pageId: pageId)
        current.seen.insert(pageId)
        current.lastLessonId = lessonId
        current.lastPageId = pageId
        cache[Key(userId: userId, moduleId: moduleId)] = current
        return (current.seen, isFirstVisit)
    }

    /// Percentage of the module's current pages that were seen: pages removed from the module no longer
    /// count, new pages count as not yet seen.
    static func percentage(seen: Set<String>, of module: Module) -> Int {
        let total = module.pageCount
        guard total > 0 else { return 0 }
        let current = module.lessons.reduce(0) { $0 + $1.pages.filter { seen.contains($0.id) }.count }
        return current * 100 / total
    }
}
