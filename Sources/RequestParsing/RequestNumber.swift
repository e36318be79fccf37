/// Whole numbers taken from a request (a path segment, a query or form field), parsed with bounds so that no
/// value a visitor sends can trap in arithmetic later: only ASCII digits are accepted, never a sign, a space or
/// more digits than the type can hold.
public enum RequestNumber {
    /// The number in `text` when it lies in `range`; nil for anything else (empty, not digits, out of range).
    public static func parse<T: FixedWidthInteger>(_ text: Substring?, in range: ClosedRange<T>) -> T? {
        guard let text, !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        guard let value = T(text, radix: 10), range.contains(value) else { return nil }
        return value
    }

    public static func parse<T: FixedWidthInteger>(_ text: String?, in range: ClosedRange<T>) -> T? {
        parse(text.map { Substring($0) }, in: range)
    }

    /// A page number of a paged list: 1 when absent or malformed, and at most `maximum`, however large the
    /// request's number (a page past the end shows the last page).
    public static func page(_ text: String?, maximum: Int = 1_000_000) -> Int {
        guard let text, !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return 1 }
        // Digits only: anything longer than the maximum's digits is beyond it.
        guard let value = parse(text, in: 0...Int(Int32.max)) else { return max(1, maximum) }
        return min(max(1, value), max(1, maximum))
    }
}
