import CZlib
import Foundation

/// The lesson navigation of a pre-rendered page, compressed once per pattern of "seen" marks.
///
/// The navigation is most of a lesson page (7 of 10 KB on the dementie module) and holds a seen mark after every
/// page link. Compressed as separate segments around each mark (`DeflatedSegment`: no back-reference may cross a
/// part whose length varies) it shrank to only 70 % of its size; as one piece it shrinks to 25 %. So the run of
/// static parts and seen marks is deflated whole, once for each pattern of marks, and kept: learners reading in
/// order share patterns (seen = the first N pages), and a learner rereading a page hits their own. A miss costs one
/// deflate of the run (about 30 µs for 9 KB at level 1 here).
final class SeenRunCache: @unchecked Sendable {
    /// Part indices of the run in the skeleton (static `.html` parts and `.seenMark` parts only).
    let parts: Range<Int>
    private let lock = NSLock()
    private var segments: [[Bool]: DeflatedSegment] = [:]
    /// Bounds memory (about 2 KB an entry): when full, the table is emptied rather than grown.
    static let capacity = 64

    init(parts: Range<Int>) { self.parts = parts }

    /// The run as one deflate segment for the marks `pattern` (one flag per `.seenMark` in the run, in order);
    /// `text` makes the run's identity text on a miss.
    func segment(for pattern: [Bool], text: () -> String) -> DeflatedSegment? {
        if let hit = lock.withLock({ segments[pattern] }) { return hit }
        guard let segment = DeflatedSegment.compress([text()], level: Gzip.perRequestLevel)?.first else { return nil }
        lock.withLock {
            if segments.count >= Self.capacity { segments.removeAll(keepingCapacity: true) }
            segments[pattern] = segment
        }
        return segment
    }

    var count: Int { lock.withLock { segments.count } }
}
