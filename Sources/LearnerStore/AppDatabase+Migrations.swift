import GRDB

extension AppDatabase {
    /// Append-only, named migrations. Never edit one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, sessions, progress") { db in
            try db.create(table: "storeMeta") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
            try db.create(table: "user") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("email", .text).notNull().unique().collate(.nocase)
                table.column("name", .text).notNull()
                table.column("organisation", .text)
                table.column("passwordHash", .text).notNull()
                table.column("role", .text).notNull().defaults(to: "learner")
                table.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "session") { table in
                table.primaryKey("id", .text)
                table.belongsTo("user", onDelete: .cascade)
                table.column("csrfToken", .text).notNull()
                table.column("createdAt", .datetime).notNull()
                table.column("expiresAt", .datetime).notNull().indexed()
            }
            try db.create(table: "loginFailure") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("key", .text).notNull()
                table.column("failedAt", .datetime).notNull()
            }
            try db.create(index: "loginFailure_key_failedAt", on: "loginFailure", columns: ["key", "failedAt"])
            try db.create(table: "moduleProgress") { table in
                table.belongsTo("user", onDelete: .cascade).notNull()
                table.column("moduleId", .text).notNull()
                table.column("startedAt", .datetime).notNull()
                table.column("lastLessonId", .text).notNull()
                table.column("lastPageId", .text).notNull()
                table.column("lastVisitedAt", .datetime).notNull()
                table.column("completedAt", .datetime)
                table.primaryKey(["userId", "moduleId"])
            }
            try db.create(table: "pageVisit") { table in
                table.belongsTo("user", onDelete: .cascade).notNull()
                table.column("moduleId", .text).notNull()
                table.column("pageId", .text).notNull()
                table.column("firstSeenAt", .datetime).notNull()
                table.primaryKey(["userId", "moduleId", "pageId"])
            }
            try db.create(table: "checkAnswer") { table in
                table.belongsTo("user", onDelete: .cascade).notNull()
                table.column("moduleId", .text).notNull()
                table.column("checkId", .text).notNull()
                table.column("answer", .text).notNull()
                table.column("isCorrect", .boolean).notNull()
                table.column("answeredAt", .datetime).notNull()
                table.primaryKey(["userId", "moduleId", "checkId"])
            }
        }
        migrator.registerMigration("v2: quiz attempts") { db in
            try db.create(table: "quizAttempt") { table in
                table.autoIncrementedPrimaryKey("id")
                table.belongsTo("user", onDelete: .cascade).notNull()
                table.column("moduleId", .text).notNull()
                table.column("moduleVersion", .text).notNull()
                table.column("quizId", .text).notNull()
                table.column("number", .integer).notNull()
                table.column("seed", .text).notNull()
                // The drawn questions in the order shown, as a JSON array of ids: fixed for the attempt's life.
                table.column("questionIds", .text).notNull()
                table.column("startedAt", .datetime).notNull()
                table.column("submittedAt", .datetime)
                table.column("points", .double)
                table.column("maxPoints", .double)
                table.column("percent", .integer)
                table.column("passed", .boolean)
                table.uniqueKey(["userId", "moduleId", "number"])
            }
            try db.create(table: "attemptAnswer") { table in
                table.belongsTo("quizAttempt", onDelete: .cascade).notNull()
                table.column("questionId", .text).notNull()
                // The learner's response as JSON (see QuestionResponse in ContentEngine).
                table.column("response", .text).notNull()
                table.column("savedAt", .datetime).notNull()
                table.column("fraction", .double)
                table.primaryKey(["quizAttemptId", "questionId"])
            }
        }
        migrator.registerMigration("v3: certificates") { db in
            // Every printed field is stored as it was at issue (never looked up live), so a certificate still
            // verifies after a rename or after its module left the catalog.
            try db.create(table: "certificate") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("code", .text).notNull().unique()
                // Kept when the account is deleted: the certificate must stay verifiable.
                table.belongsTo("user", onDelete: .setNull)
                table.column("quizAttemptId", .integer)
                table.column("learnerName", .text).notNull()
                table.column("moduleId", .text).notNull().indexed()
                table.column("moduleTitle", .text).notNull()
                table.column("moduleVersion", .text).notNull()
                table.column("studyLoadMinutes", .integer).notNull()
                // JSON array of {register, number, points}, as in the module at issue.
                table.column("accreditations", .text).notNull()
                table.column("scorePercent", .integer).notNull()
                table.column("completedAt", .datetime).notNull().indexed()
                // Base64 Ed25519 signature over the canonical payload, and the id of the key that made it.
                table.column("signature", .text).notNull()
                table.column("keyId", .text).notNull()
                table.column("revokedAt", .datetime)
                table.column("revokedReason", .text)
                table.column("revokedBy", .integer)
            }
        }
        migrator.registerMigration("v4: statistics indexes and item summaries") { db in
            // The dashboard, funnel and completion queries filter and group on these (AppDatabase+Statistics); the
            // extra trailing columns make the indexes covering, so counting never reads the table rows.
            try db.create(index: "user_organisation", on: "user", columns: ["organisation"])
            try db.create(index: "user_createdAt", on: "user", columns: ["createdAt"])
            try db.create(index: "moduleProgress_moduleId_startedAt", on: "moduleProgress", columns: ["moduleId", "startedAt", "completedAt"])
            try db.create(index: "moduleProgress_startedAt", on: "moduleProgress", columns: ["startedAt"])
            try db.create(
                index: "moduleProgress_completedAt",
                on: "moduleProgress",
                columns: ["completedAt", "userId", "moduleId"],
                condition: Column("completedAt") != nil
            )
            try db.create(
                index: "moduleProgress_moduleId_completedAt",
                on: "moduleProgress",
                columns: ["moduleId", "completedAt", "startedAt", "userId"],
                condition: Column("completedAt") != nil
            )
            try db.create(index: "pageVisit_moduleId_pageId", on: "pageVisit", columns: ["moduleId", "pageId"])
            try db.create(
                index: "quizAttempt_moduleId_submittedAt",
                on: "quizAttempt",
                columns: ["moduleId", "submittedAt", "number", "passed", "percent"]
            )
            try db.create(index: "quizAttempt_submittedAt", on: "quizAttempt", columns: ["submittedAt"])
            try db.create(index: "certificate_userId_moduleId", on: "certificate", columns: ["userId", "moduleId"])
            try db.create(index: "certificate_moduleId_completedAt", on: "certificate", columns: ["moduleId", "completedAt", "revokedAt", "userId"])

            // Item analysis reads running sums per day and organisation instead of every answer (a million rows
            // took seconds). Kept when attempts are reset or accounts deleted: those answers were really given.
            // `organisation` is '' for learners without one; `day` is the Dutch calendar day of submission.
            // WITHOUT ROWID, keyed by question first: summing a question's rows reads them in key order, no sorting.
            try db.create(table: "quizDaily", options: [.withoutRowID]) { table in
                table.column("moduleId", .text).notNull()
                table.column("moduleVersion", .text).notNull()
                table.column("organisation", .text).notNull()
                table.column("day", .text).notNull()
                table.column("attempts", .integer).notNull()
                table.primaryKey(["moduleId", "moduleVersion", "day", "organisation"])
            }
            try db.create(table: "itemDaily", options: [.withoutRowID]) { table in
                table.column("moduleId", .text).notNull()
                table.column("moduleVersion", .text).notNull()
                table.column("questionId", .text).notNull()
                table.column("organisation", .text).notNull()
                table.column("day", .text).notNull()
                // Attempts that drew the question, of them with an answer, and the sums for facility and the
                // item–rest correlation (x = item score, y = rest of the attempt's score).
                table.column("presented", .integer).notNull()
                table.column("answered", .integer).notNull()
                for sum in ["sx", "sxx", "sy", "syy", "sxy"] { table.column(sum, .double).notNull() }
                table.primaryKey(["moduleId", "questionId", "day", "moduleVersion", "organisation"])
            }
            try db.create(table: "choiceDaily", options: [.withoutRowID]) { table in
                table.column("moduleId", .text).notNull()
                table.column("moduleVersion", .text).notNull()
                table.column("questionId", .text).notNull()
                table.column("choiceId", .text).notNull()
                table.column("organisation", .text).notNull()
                table.column("day", .text).notNull()
                table.column("picks", .integer).notNull()
                table.primaryKey(["moduleId", "questionId", "choiceId", "day", "moduleVersion", "organisation"])
            }
            // Backfill with today's recorder. Should a later migration change these tables, freeze a copy of it here.
            for row in try Row.fetchAll(db, sql: "SELECT id, submittedAt FROM quizAttempt WHERE submittedAt IS NOT NULL") {
                try recordItemStatistics(db, attemptId: row["id"], submittedAt: row["submittedAt"])
            }
        }
        migrator.registerMigration("v5: statistics queue") { db in
            // Submitted attempts waiting to be added to the item summaries. The submit transaction only queues
            // (cheap); `drainStatisticsQueue` adds them before any item analysis is read, and every few seconds.
            try db.create(table: "statisticsQueue") { table in
                table.primaryKey("quizAttemptId", .integer)
            }
        }
        migrator.registerMigration("v6: session ids stored hashed") { db in
            // The cookie keeps the token; the table keeps its SHA-256 (see SessionTokenHash). Sessions stay valid.
            for id in try String.fetchAll(db, sql: "SELECT id FROM session") {
                try db.execute(sql: "UPDATE session SET id = ? WHERE id = ?", arguments: [SessionTokenHash.hash(id), id])
            }
        }
        migrator.registerMigration("v7: mail queue") { db in
            // Outgoing e-mail (MailQueueStore). Bodies are wiped once a message is sent or dead.
            try db.create(table: "mailQueue") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("recipient", .text).notNull()
                table.column("subject", .text).notNull()
                table.column("textBody", .text).notNull()
                table.column("htmlBody", .text)
                table.column("purpose", .text).notNull()
                table.column("userId", .integer).references("user", onDelete: .cascade)
                table.column("state", .text).notNull().defaults(to: "pending")
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("createdAt", .datetime).notNull()
                table.column("nextAttemptAt", .datetime).notNull()
                table.column("leasedUntil", .datetime)
                table.column("lastError", .text)
                table.column("finishedAt", .datetime)
            }
            try db.create(index: "mailQueueDue", on: "mailQueue", columns: ["state", "nextAttemptAt"])
            try db.create(index: "mailQueueUser", on: "mailQueue", columns: ["userId"])
        }
        migrator.registerMigration("v8: password reset links") { db in
            // Only the hash of a link's token (SessionTokenHash); a spent or replaced link's row is deleted.
            try db.create(table: "passwordReset") { table in
                table.primaryKey("tokenHash", .text)
                table.column("userId", .integer).notNull().references("user", onDelete: .cascade)
                table.column("createdAt", .datetime).notNull()
                table.column("expiresAt", .datetime).notNull()
            }
            try db.create(index: "passwordResetUser", on: "passwordReset", columns: ["userId"])
        }
        return migrator
    }
}
