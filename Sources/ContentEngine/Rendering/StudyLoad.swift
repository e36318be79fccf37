/// Study load as the catalog, module pages and certificates state it: minutes below an hour, else hours
/// ("45 minuten", "2 uur", "1,5 uur", "1,25 uur"). Two decimals at most, so 75 minutes never reads as 1,3 uur.
public enum StudyLoad {
    public static func text(minutes: Int) -> String {
        if minutes < 60 { return "\(minutes) minuten" }
        let hundredths = (minutes * 100 + 30) / 60
        var text = "\(hundredths / 100)"
        let fraction = hundredths % 100
        if fraction > 0 {
            text += "," + (fraction % 10 == 0 ? "\(fraction / 10)" : String(format: "%02d", fraction))
        }
        return text + " uur"
    }
}
