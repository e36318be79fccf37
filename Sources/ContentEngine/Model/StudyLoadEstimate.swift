/// An estimate of a module's study load from what it contains, so the declared load can be checked and its basis
/// shown to learners and registers (which award points per net hour of study).
///
/// The rates are the ones the content brief uses for B1 readers: 150 words a minute of reading text; 1 minute per
/// inline check, 3 per case story (reading it and thinking it over; its words are not counted twice), 2 per
/// reflection, and 1.5 per quiz question of one attempt.
public struct StudyLoadEstimate: Sendable, Equatable {
    public static let wordsPerMinute = 150.0
    public static let minutesPerCheck = 1.0
    public static let minutesPerCase = 3.0
    public static let minutesPerReflection = 2.0
    public static let minutesPerQuizQuestion = 1.5

    /// Words of reading text on the pages (paragraphs, lists, quotes, callouts, headings, captions), without
    /// checks, cases and reflections, which have their own time.
    public let words: Int
    public let checks: Int
    public let cases: Int
    public let reflections: Int
    public let quizQuestions: Int

    public init(_ module: Module) {
        var counter = Counter()
        for lesson in module.lessons { for page in lesson.pages { counter.count(page.blocks) } }
        words = counter.words
        checks = counter.checks
        cases = counter.cases
        reflections = counter.reflections
        quizQuestions = module.quiz?.questionsPerAttempt ?? 0
    }

    /// The estimate in whole minutes (rounded to the nearest 5).
    public var minutes: Int {
        let exact =
            Double(words) / Self.wordsPerMinute + Double(checks) * Self.minutesPerCheck + Double(cases) * Self.minutesPerCase
            + Double(reflections) * Self.minutesPerReflection + Double(quizQuestions) * Self.minutesPerQuizQuestion
        return Int((exact / 5).rounded()) * 5
    }

    private struct Counter {
        var words = 0, checks = 0, cases = 0, reflections = 0

        mutating func count(_ blocks: [Block]) {
            for block in blocks {
                switch block {
                case .paragraph(let inlines), .heading(let inlines): words += Self.words(inlines)
                case .list(_, let items): words += items.reduce(0) { $0 + Self.words($1) }
                case .quote(let paragraphs, _): words += paragraphs.reduce(0) { $0 + Self.words($1) }
                case .image(let image): words += image.caption.map(Self.words) ?? 0
                case .callout(let callout): count(callout.blocks)
                case .caseStory: cases += 1
                case .reflection: reflections += 1
                case .check: checks += 1
                case .video, .audio: break
                }
            }
        }

        static func words(_ inlines: [Inline]) -> Int {
            inlines.plainText.split(whereSeparator: \.isWhitespace).count
        }
    }
}
