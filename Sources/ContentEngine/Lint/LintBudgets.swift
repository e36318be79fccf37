/// The numbers the authoring lint measures against, in one place so the guide and the rules agree.
///
/// Sentence budgets: the Readability Guidelines (https://readabilityguidelines.co.uk/clear-language/simple-sentences,
/// drawing on GOV.UK's "Sentence length: why 25 words is our limit", 2014, and the Oxford Guide to Plain English,
/// which gives 15–20 words) ask for an average of 15 words a sentence and at most 25. Dutch B1 advice for the
/// public sector says the same in its own words (short sentences, on average about 15 words), and 15 is the figure
/// the schema's documentation and the authoring guide already give authors.
public enum LintBudgets {
    /// A single sentence longer than this is hard to follow at B1.
    public static let maximumSentenceWords = 25
    /// The mean sentence length of a page's reading text should stay at or below this.
    public static let maximumMeanSentenceWords = 15.0
    /// A page needs this many sentences before its mean says anything (two long sentences are not a pattern).
    public static let minimumSentencesForMean = 5
    /// Reading text on one page. At the 150 words a minute of `StudyLoadEstimate` this is four minutes, the upper
    /// end of the "one idea per page" screens that microlearning guidance recommends; longer pages should be split.
    public static let maximumPageWords = 600
    /// Answer-key patterns are only a signal when there are enough questions to see one.
    public static let minimumQuestionsForPattern = 3
    /// At most this many warnings of one rule per file: a 20 MB machine-written module should not print a million
    /// lines, and locating each diagnostic costs a scan of its source line.
    public static let maximumWarningsPerRule = 50
}
