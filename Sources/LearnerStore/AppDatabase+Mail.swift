import Foundation
import GRDB

/// The mail queue on SQLite (`MailQueueStore`). One node: a lease column is enough to keep a crashed sender's
/// message from being lost and a live one's from being sent twice.
extension AppDatabase {
    public func enqueueMail(_ mail: OutgoingMail, at date: Date) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO mailQueue(recipient, subject, textBody, htmlBody, purpose, userId, createdAt, nextAttemptAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [mail.recipient, mail.subject, mail.text, mail.html, mail.purpose, mail.userId, date, date]
            )
            return db.lastInsertedRowID
        }
    }

    public func claimDueMail(now: Date, limit: Int, leaseUntil: Date) throws -> [QueuedMail] {
        try writer.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM mailQueue
                    WHERE state = 'pending' AND nextAttemptAt <= ? AND (leasedUntil IS NULL OR leasedUntil <= ?)
                    ORDER BY nextAttemptAt, id LIMIT ?
                    """,
                arguments: [now, now, max(0, limit)]
            )
            for row in rows {
                try db.execute(sql: "UPDATE mailQueue SET leasedUntil = ? WHERE id = ?", arguments: [leaseUntil, row["id"] as Int64])
            }
            return rows.map(Self.queuedMail)
        }
    }

    public func markMailSent(id: Int64, at date: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE mailQueue SET state = 'sent', attempts = attempts + 1, finishedAt = ?, leasedUntil = NULL,
                        textBody = '', htmlBody = NULL, lastError = NULL
                    WHERE id = ?
                    """,
                arguments: [date, id]
            )
        }
    }

    public func markMailFailed(id: Int64, error: String, retryAt: Date?, at date: Date) throws {
        try writer.write { db in
            if let retryAt {
                try db.execute(
                    sql: "UPDATE mailQueue SET attempts = attempts + 1, nextAttemptAt = ?, leasedUntil = NULL, lastError = ? WHERE id = ?",
                    arguments: [retryAt, String(error.prefix(500)), id]
                )
            } else {
                try db.execute(
                    sql: """
                        UPDATE mailQueue SET state = 'dead', attempts = attempts + 1, finishedAt = ?, leasedUntil = NULL,
                            textBody = '', htmlBody = NULL, lastError = ?
                        WHERE id = ?
                        """,
                    arguments: [date, String(error.prefix(500)), id]
                )
            }
        }
    }

    public func mailOverview(deadLimit: Int) throws -> MailOverview {
        try writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM mailQueue GROUP BY state") {
                counts[row["state"]] = row["n"]
            }
            let dead = try Row.fetchAll(
                db,
                sql: "SELECT * FROM mailQueue WHERE state = 'dead' ORDER BY finishedAt DESC, id DESC LIMIT ?",
                arguments: [max(0, deadLimit)]
            ).map { row in
                MailOverview.DeadMail(
                    id: row["id"],
                    recipient: row["recipient"],
                    subject: row["subject"],
                    purpose: row["purpose"],
                    attempts: row["attempts"],
                    createdAt: row["createdAt"],
                    failedAt: row["finishedAt"],
                    lastError: row["lastError"] ?? ""
                )
            }
            return MailOverview(pending: counts["pending"] ?? 0, sent: counts["sent"] ?? 0, dead: counts["dead"] ?? 0, latestDead: dead)
        }
    }

    public func deleteFinishedMail(before date: Date) throws -> Int {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM mailQueue WHERE state IN ('sent', 'dead') AND finishedAt < ?", arguments: [date])
            return db.changesCount
        }
    }

    private static func queuedMail(_ row: Row) -> QueuedMail {
        QueuedMail(
            id: row["id"],
            mail: OutgoingMail(
                recipient: row["recipient"],
                subject: row["subject"],
                text: row["textBody"],
                html: row["htmlBody"],
                purpose: row["purpose"],
                userId: row["userId"]
            ),
            state: QueuedMail.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"],
            createdAt: row["createdAt"],
            lastError: row["lastError"]
        )
    }
}
