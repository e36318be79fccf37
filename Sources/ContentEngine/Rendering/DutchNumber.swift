import Foundation

/// Numbers as Dutch readers write them: a decimal comma, one decimal ("1,5").
public enum DutchNumber {
    public static func oneDecimal(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// Whole numbers without decimals ("6"), others with one ("2,5").
    public static func compact(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : oneDecimal(value)
    }
}
