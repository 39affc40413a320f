using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Mongo;
using StarSync.Engine.Wallet;

namespace StarSync.Engine.Tests.Storage;

/// <summary>
/// What the MongoDB adapter sends, rendered to BSON with each collection's own serializers: the filters and updates
/// behind every atomic step, the indexes, and the change stream. These need no server and always run.
/// </summary>
public sealed class MongoDefinitionTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
    private const string NowJson = "{ '$date' : '2026-03-01T10:00:00Z' }";

    // A client never connects until an operation runs; none does here.
    private readonly MongoClient _client = new("mongodb://127.0.0.1:27017/?connectTimeoutMS=100&serverSelectionTimeoutMS=100");
    private readonly MongoStore _store;

    public MongoDefinitionTests() => _store = new MongoStore(_client.GetDatabase("starsync_render"));

    public void Dispose() => _client.Dispose();

    [Fact]
    public void A_session_swap_matches_the_account_only_at_the_version_it_read()
    {
        AssertJson("{ _id: 'acc1', version: 7 }", Render(MongoAccountStore.AtVersion("acc1", 7), _store.Accounts));
    }

    [Fact]
    public void Starting_a_session_sets_it_and_records_the_replaced_sid_as_other_device()
    {
        var update = Render(MongoAccountStore.StartSessionUpdate("new-sid", Now, new SessionClient("Chrome on Android", "203.0.113.x"), "old-sid"), _store.Accounts);

        var revocationId = TakeRevocationId(update);
        Assert.Matches("^[0-9a-f]{32}$", revocationId);
        AssertJson(
            $$"""
            { $set: {
                activeSessionId: 'new-sid',
                activeSession: { startedAt: {{NowJson}}, device: 'Chrome on Android', coarseIp: '203.0.113.x' },
                lastRevocation: { sessionId: 'old-sid', reason: 'other-device', at: {{NowJson}} } } }
            """,
            update);
    }

    [Fact]
    public void The_first_session_of_an_account_records_no_revocation()
    {
        var update = Render(MongoAccountStore.StartSessionUpdate("sid", Now, new SessionClient("Safari on iPhone", "192.0.2.x"), replacedSessionId: null), _store.Accounts);

        AssertJson(
            $$"""{ $set: { activeSessionId: 'sid', activeSession: { startedAt: {{NowJson}}, device: 'Safari on iPhone', coarseIp: '192.0.2.x' } } }""",
            update);
    }

    [Fact]
    public void Ending_and_checking_a_session_compare_the_sid_itself()
    {
        AssertJson("{ _id: 'acc1', activeSessionId: 'sid1' }", Render(MongoAccountStore.ActiveSessionFilter("acc1", "sid1"), _store.Accounts));
        AssertJson("{ _id: 'acc1', status: { $ne: 'deleted' } }", Render(MongoAccountStore.NotDeleted("acc1"), _store.Accounts));
    }

    [Fact]
    public void Deletion_scrubs_personal_data_and_ends_the_session_as_deleted()
    {
        var update = Render(MongoAccountStore.TombstoneUpdate("acc1", "sid1", Now), _store.Accounts);

        TakeRevocationId(update);
        AssertJson(
            $$"""
            { $set: {
                name: 'Deleted user', email: 'deleted-acc1@deleted.invalid', passwordHash: null, passwordChangedAt: null,
                avatarUrl: null, avatarKey: null, status: 'deleted', deletedAt: {{NowJson}}, activeSessionId: null, activeSession: null,
                lastRevocation: { sessionId: 'sid1', reason: 'deleted', at: {{NowJson}} } } }
            """,
            update);
    }

    [Fact]
    public void Setting_an_avatar_sets_both_fields_and_clearing_it_nulls_both()
    {
        AssertJson(
            "{ $set: { avatarUrl: '/assets/avatars/aa.webp', avatarKey: 'avatars/aa.webp' } }",
            Render(MongoAccountStore.AvatarUpdate(new AccountAvatar("/assets/avatars/aa.webp", "avatars/aa.webp")), _store.Accounts));
        AssertJson("{ $set: { avatarUrl: null, avatarKey: null } }", Render(MongoAccountStore.AvatarUpdate(null), _store.Accounts));
    }

    [Fact]
    public void The_admin_search_is_escaped_case_insensitive_text_in_email_or_name()
    {
        var filter = Render(MongoAccountStore.ListFilter(new AccountQuery { Search = " a.b+(c) ", Role = AccountRole.Astrologer, Status = AccountStatus.Blocked }), _store.Accounts);

        AssertJson(
            """
            { $or: [ { email: { $regularExpression: { pattern: 'a\\.b\\+\\(c\\)', options: 'i' } } },
                     { name: { $regularExpression: { pattern: 'a\\.b\\+\\(c\\)', options: 'i' } } } ],
              role: 'astrologer', status: 'blocked' }
            """,
            filter);
        AssertJson("{ }", Render(MongoAccountStore.ListFilter(new AccountQuery()), _store.Accounts));
    }

    [Fact]
    public void A_refresh_token_is_rotatable_only_unconsumed_unrevoked_and_unexpired()
    {
        AssertJson(
            $$"""{ _id: 'h1', consumedAt: null, revokedAt: null, expiresAt: { $gt: {{NowJson}} } }""",
            Render(MongoRefreshTokenStore.RotatableFilter("h1", Now), _store.RefreshTokens));
        AssertJson(
            $$"""{ $set: { consumedAt: {{NowJson}}, replacedBy: 'h2' } }""",
            Render(MongoRefreshTokenStore.ConsumeUpdate("h2", Now), _store.RefreshTokens));
    }

    [Fact]
    public void A_single_use_token_is_consumable_only_for_its_purpose_unused_and_unexpired()
    {
        AssertJson(
            $$"""{ _id: 'h1', purpose: 'password-reset', consumedAt: null, expiresAt: { $gt: {{NowJson}} } }""",
            Render(MongoSingleUseTokenStore.ConsumableFilter("h1", TokenPurpose.PasswordReset, Now), _store.SingleUseTokens));
    }

    [Fact]
    public void Profile_writes_match_the_owner_and_replace_every_detail()
    {
        AssertJson("{ _id: 'p1', accountId: 'acc1' }", Render(MongoBirthProfileStore.Owned("acc1", "p1"), _store.BirthProfiles));
        var details = new BirthDetails
        {
            Label = "Me", Name = "Asha", Date = "1990-07-04", Time = null, TimeKnown = false, PlaceId = null,
            Latitude = 19.076, Longitude = 72.8777, TimeZone = "Asia/Kolkata", UtcOffset = "+05:30",
        };
        AssertJson(
            $$"""
            { $set: { label: 'Me', name: 'Asha', date: '1990-07-04', time: null, timeKnown: false, placeId: null,
                      latitude: 19.076, longitude: 72.8777, timeZone: 'Asia/Kolkata', utcOffset: '+05:30', updatedAt: {{NowJson}} } }
            """,
            Render(MongoBirthProfileStore.DetailsUpdate(details, Now), _store.BirthProfiles));
    }

    [Fact]
    public void A_throttle_update_swaps_the_whole_run_at_the_version_it_read()
    {
        var run = new ThrottleRun(3, new DateTimeOffset(Now).AddMinutes(15), new DateTimeOffset(Now).AddMinutes(30));

        AssertJson("{ _id: 'email:a@b.c', version: 4 }", Render(MongoSignInThrottle.AtVersion("email:a@b.c", 4), _store.SignInThrottle));
        AssertJson(
            """
            { $set: { version: 5, failures: 3, windowEndsAt: { $date: '2026-03-01T10:15:00Z' },
                      lockedUntil: { $date: '2026-03-01T10:30:00Z' }, expiresAt: { $date: '2026-03-01T10:30:00Z' } } }
            """,
            Render(MongoSignInThrottle.RunUpdate(run, 5), _store.SignInThrottle));
    }

    [Fact]
    public void The_audit_query_combines_every_criterion_with_a_half_open_time_range()
    {
        var query = new AuditQuery { Kind = "account.blocked", Actor = "adm1", AccountId = "acc1", From = new DateTimeOffset(Now), To = new DateTimeOffset(Now).AddDays(1) };

        AssertJson(
            """
            { kind: 'account.blocked', actor: 'adm1', accountId: 'acc1',
              at: { $gte: { $date: '2026-03-01T10:00:00Z' }, $lt: { $date: '2026-03-02T10:00:00Z' } } }
            """,
            Render(MongoAuditLog.QueryFilter(query), _store.AuditLog));
    }

    [Fact]
    public void Horoscopes_are_found_by_date_key_and_purged_by_date_text()
    {
        AssertJson("{ _id: '2024-03-20/1' }", Render(MongoHoroscopeStore.ById(1, new NodaTime.LocalDate(2024, 3, 20)), _store.Horoscopes));
        AssertJson("{ date: '2024-03-20', rulesVersion: 3 }", Render(MongoHoroscopeStore.OfDate(new NodaTime.LocalDate(2024, 3, 20), 3), _store.Horoscopes));
        AssertJson("{ date: { $lt: '2024-03-20' } }", Render(MongoHoroscopeStore.Before(new NodaTime.LocalDate(2024, 3, 20)), _store.Horoscopes));
    }

    [Fact]
    public void Email_and_profile_slot_indexes_are_unique()
    {
        var email = MongoIndexes.Accounts.Single(i => i.Options.Name == "email_unique");
        Assert.True(email.Options.Unique);
        AssertJson("{ email: 1 }", Render(email.Keys, _store.Accounts));

        var slot = Assert.Single(MongoIndexes.BirthProfiles);
        Assert.True(slot.Options.Unique);
        AssertJson("{ accountId: 1, slot: 1 }", Render(slot.Keys, _store.BirthProfiles));

        AssertJson("{ accountId: 1, sessionId: 1 }", Render(MongoIndexes.RefreshTokens[0].Keys, _store.RefreshTokens));
    }

    [Fact]
    public void The_change_stream_watches_only_updates_that_wrote_a_revocation()
    {
        var pipeline = MongoAccountChangeFeed.RevocationPipeline().Render(new RenderArgs<ChangeStreamDocument<BsonDocument>>(
            new ChangeStreamDocumentSerializer<BsonDocument>(BsonDocumentSerializer.Instance), BsonSerializer.SerializerRegistry));

        var stage = Assert.Single(pipeline.Documents);
        AssertJson("{ $match: { operationType: 'update', 'updateDescription.updatedFields.lastRevocation': { $exists: true } } }", stage);
    }

    [Fact]
    public void A_change_event_carrying_a_revocation_becomes_a_session_revoked_event()
    {
        var change = BsonDocument.Parse(
            """
            { _id: { _data: '8266' }, operationType: 'update', clusterTime: { $timestamp: { t: 1772359200, i: 1 } },
              ns: { db: 'starsync', coll: 'accounts' }, documentKey: { _id: 'acc1' },
              updateDescription: {
                updatedFields: { activeSessionId: 'new-sid', version: 8,
                                 lastRevocation: { id: 'r1', sessionId: 'old-sid', reason: 'other-device', at: { $date: '2026-03-01T10:00:00Z' } } },
                removedFields: [], truncatedArrays: [] } }
            """);

        Assert.Equal(
            new SessionRevoked("acc1", "old-sid", SessionEndReason.OtherDevice, new DateTimeOffset(Now)),
            MongoAccountChangeFeed.ToRevocation(change));
    }

    [Fact]
    public void Change_events_without_a_revocation_are_ignored()
    {
        var rename = BsonDocument.Parse("{ operationType: 'update', documentKey: { _id: 'acc1' }, updateDescription: { updatedFields: { name: 'Asha' }, removedFields: [] } }");
        var insert = BsonDocument.Parse("{ operationType: 'insert', documentKey: { _id: 'acc1' }, fullDocument: { _id: 'acc1' } }");

        Assert.Null(MongoAccountChangeFeed.ToRevocation(rename));
        Assert.Null(MongoAccountChangeFeed.ToRevocation(insert));
    }

    [Fact]
    public void An_account_is_stored_under_camel_case_names_and_read_back_ignoring_unknown_fields()
    {
        var document = new MongoAccountDocument
        {
            Id = "acc1", Version = 2, Email = "asha@example.com", Name = "Asha", Role = "user", PasswordHash = "$2a$12$h",
            Status = "active", CreatedAt = Now, ActiveSessionId = "sid1",
            ActiveSession = new MongoSessionDocument { StartedAt = Now, Device = "Chrome on Android", CoarseIp = "203.0.113.x" },
            TimeZone = "Asia/Kolkata",
        };

        var bson = document.ToBsonDocument(_store.Accounts.DocumentSerializer);

        AssertJson(
            $$"""
            { _id: 'acc1', version: 2, email: 'asha@example.com', name: 'Asha', role: 'user', passwordHash: '$2a$12$h',
              status: 'active', createdAt: {{NowJson}}, activeSessionId: 'sid1',
              activeSession: { startedAt: {{NowJson}}, device: 'Chrome on Android', coarseIp: '203.0.113.x' },
              passwordChangedAt: null, timeZone: 'Asia/Kolkata', avatarUrl: null, avatarKey: null, deletedAt: null, lastRevocation: null }
            """,
            bson);
        bson.Add("addedByALaterVersion", true);
        var read = BsonSerializer.Deserialize<MongoAccountDocument>(bson);
        Assert.Equal("sid1", read.ActiveSessionId);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(Now, read.CreatedAt);
    }

    [Fact]
    public void A_wallet_debit_moves_the_balance_only_while_it_covers_the_amount_and_never_creates_it()
    {
        var debit = new NewLedgerEntry("wallet:u1", -100, LedgerEntryKind.Consultation);

        AssertJson("{ _id: 'wallet:u1', balance: { $gte: 100 } }", Render(MongoLedgerStore.BalanceFilter(debit), _store.LedgerBalances));
        AssertJson("{ $inc: { balance: -100 }, $setOnInsert: { currency: 'INR' } }", Render(MongoLedgerStore.BalanceUpdate(-100, "INR"), _store.LedgerBalances));
        var options = MongoLedgerStore.BalanceOptions(debit);
        Assert.False(options.IsUpsert);
        Assert.Equal(ReturnDocument.After, options.ReturnDocument);
    }

    [Fact]
    public void Credits_chargebacks_and_platform_debits_move_the_balance_unguarded_creating_it_if_new()
    {
        NewLedgerEntry[] unguarded =
        [
            new("wallet:u1", 500, LedgerEntryKind.Topup),
            new("wallet:u1", -1_000, LedgerEntryKind.Chargeback),
            new(LedgerAccounts.PaymentClearing, -500, LedgerEntryKind.Topup),
            new("earnings:a1", -70, LedgerEntryKind.Refund),
        ];

        Assert.All(unguarded, entry =>
        {
            AssertJson($"{{ _id: '{entry.AccountId}' }}", Render(MongoLedgerStore.BalanceFilter(entry), _store.LedgerBalances));
            var options = MongoLedgerStore.BalanceOptions(entry);
            Assert.True(options.IsUpsert);
            Assert.Equal(ReturnDocument.After, options.ReturnDocument);
        });
    }

    [Fact]
    public void The_entry_query_is_one_account_with_kind_and_a_half_open_time_range()
    {
        var query = new LedgerQuery { AccountId = "wallet:u1", Kind = LedgerEntryKind.Consultation, From = new DateTimeOffset(Now), To = new DateTimeOffset(Now).AddDays(1) };

        AssertJson(
            """
            { accountId: 'wallet:u1', kind: 'consultation',
              createdAt: { $gte: { $date: '2026-03-01T10:00:00Z' }, $lt: { $date: '2026-03-02T10:00:00Z' } } }
            """,
            Render(MongoLedgerStore.EntryFilter(query), _store.LedgerEntries));
        AssertJson("{ accountId: 'earnings:a1' }", Render(MongoLedgerStore.EntryFilter(new LedgerQuery { AccountId = "earnings:a1" }), _store.LedgerEntries));
    }

    [Fact]
    public void The_idempotency_key_index_is_unique_and_entries_are_indexed_by_account_newest_first()
    {
        var key = Assert.Single(MongoIndexes.LedgerPostings);
        Assert.True(key.Options.Unique);
        AssertJson("{ idempotencyKey: 1 }", Render(key.Keys, _store.LedgerPostings));
        var entries = Assert.Single(MongoIndexes.LedgerEntries);
        Assert.Null(entries.Options.Unique);
        AssertJson("{ accountId: 1, createdAt: -1, _id: -1 }", Render(entries.Keys, _store.LedgerEntries));
    }

    [Fact]
    public void A_ledger_entry_is_stored_under_camel_case_names_with_kebab_case_kind()
    {
        var id = ObjectId.Parse("65e1a8c0aabbccddeeff0011");
        var document = new MongoLedgerEntryDocument
        {
            Id = id, PostingId = "p1", AccountId = "wallet:u1", Amount = -100, Currency = "INR", Kind = "consultation",
            Reference = "c1", BalanceAfter = 400, CreatedAt = Now, Actor = "system",
        };

        AssertJson(
            $$"""
            { _id: { $oid: '65e1a8c0aabbccddeeff0011' }, postingId: 'p1', accountId: 'wallet:u1', amount: -100, currency: 'INR',
              kind: 'consultation', reference: 'c1', balanceAfter: 400, createdAt: {{NowJson}}, actor: 'system' }
            """,
            document.ToBsonDocument(_store.LedgerEntries.DocumentSerializer));
    }

    [Fact]
    public void The_consultation_query_bounds_acceptance_in_a_half_open_range()
    {
        var query = new ConsultationQuery { AstrologerId = "a1", AcceptedFrom = new DateTimeOffset(Now), AcceptedBefore = new DateTimeOffset(Now).AddDays(1) };

        AssertJson(
            """
            { astrologerId: 'a1',
              acceptedAt: { $gte: { $date: '2026-03-01T10:00:00Z' }, $lt: { $date: '2026-03-02T10:00:00Z' } } }
            """,
            Render(MongoConsultationStore.QueryFilter(query), MongoConsultationStore.Collection(_store)));
    }

    [Fact]
    public void Chat_messages_are_listed_after_a_number_and_marked_read_only_for_the_other_partys_unread_ones()
    {
        var messages = MongoConsultationMessageStore.Collection(_store);

        AssertJson("{ consultationId: 'c1', seq: { $gt: NumberLong(4) } }", Render(MongoConsultationMessageStore.ListFilter("c1", 4), messages));
        AssertJson(
            "{ consultationId: 'c1', senderRole: 'user', seq: { $lte: NumberLong(7) }, readAt: null }",
            Render(MongoConsultationMessageStore.MarkReadFilter("c1", Engine.Consultations.ConsultationParty.Astrologer, 7), messages));
        AssertJson(
            "{ consultationId: 'c1', senderRole: 'astrologer', seq: { $lte: NumberLong(7) }, readAt: null }",
            Render(MongoConsultationMessageStore.MarkReadFilter("c1", Engine.Consultations.ConsultationParty.User, 7), messages));
        var index = Assert.Single(MongoConsultationMessageStore.Indexes);
        Assert.True(index.Options.Unique);
        AssertJson("{ consultationId: 1, seq: 1 }", Render(index.Keys, messages));
    }

    [Fact]
    public void A_review_summary_takes_a_revision_and_writes_a_recount_only_over_an_older_one()
    {
        var summaries = MongoReviewStore.Summaries(_store);

        AssertJson("{ $inc: { revision: NumberLong(1) }, $setOnInsert: { countedRevision: NumberLong(0), count: 0, ratingSum: NumberLong(0) } }", Render(MongoReviewStore.RevisionUpdate(), summaries));
        AssertJson("{ _id: 'astro1', countedRevision: { $lt: NumberLong(7) } }", Render(MongoReviewStore.CountedBefore("astro1", 7), summaries));
        AssertJson("{ $set: { countedRevision: NumberLong(7), count: 3, ratingSum: NumberLong(12) } }", Render(MongoReviewStore.CountUpdate(7, 3, 12), summaries));
    }

    [Fact]
    public void A_review_takes_one_reply_and_public_lists_leave_hidden_reviews_out()
    {
        var reviews = MongoReviewStore.Collection(_store);

        AssertJson("{ _id: 'r1', replyText: null }", Render(MongoReviewStore.ReplyFilter("r1"), reviews));
        AssertJson($"{{ $set: {{ replyText: 'Thanks', replyAt: {NowJson} }} }}", Render(MongoReviewStore.ReplyUpdate("Thanks", Now), reviews));
        AssertJson("{ astrologerId: 'a1', hidden: false }", Render(MongoReviewStore.ListFilter("a1", includeHidden: false), reviews));
        AssertJson("{ astrologerId: 'a1' }", Render(MongoReviewStore.ListFilter("a1", includeHidden: true), reviews));
        var unique = MongoReviewStore.Indexes[0];
        Assert.True(unique.Options.Unique);
        AssertJson("{ consultationId: 1 }", Render(unique.Keys, reviews));
    }

    [Fact]
    public void A_report_is_resolved_only_while_open_and_reports_are_unique_per_target_and_reporter()
    {
        var reports = MongoReportStore.Collection(_store);

        AssertJson("{ _id: 'p1', status: 'open' }", Render(MongoReportStore.ResolveFilter("p1"), reports));
        AssertJson($"{{ $set: {{ status: 'resolved', resolvedAt: {NowJson}, resolvedBy: 'admin1' }} }}", Render(MongoReportStore.ResolveUpdate("admin1", Now), reports));
        AssertJson("{ status: 'open' }", Render(MongoReportStore.ListFilter(Engine.Reviews.ReportStatus.Open), reports));
        var unique = MongoReportStore.Indexes[0];
        Assert.True(unique.Options.Unique);
        AssertJson("{ dedup: 1 }", Render(unique.Keys, reports));
    }

    private static BsonDocument Render<T>(FilterDefinition<T> filter, IMongoCollection<T> collection) =>
        filter.Render(new RenderArgs<T>(collection.DocumentSerializer, collection.Settings.SerializerRegistry));

    private static BsonDocument Render<T>(UpdateDefinition<T> update, IMongoCollection<T> collection) =>
        update.Render(new RenderArgs<T>(collection.DocumentSerializer, collection.Settings.SerializerRegistry)).AsBsonDocument;

    private static BsonDocument Render<T>(IndexKeysDefinition<T> keys, IMongoCollection<T> collection) =>
        keys.Render(new RenderArgs<T>(collection.DocumentSerializer, collection.Settings.SerializerRegistry));

    // The revocation id is random by design; check it is there, then compare the rest exactly.
    private static string TakeRevocationId(BsonDocument update)
    {
        var revocation = update["$set"]["lastRevocation"].AsBsonDocument;
        var id = revocation["id"].AsString;
        revocation.Remove("id");
        return id;
    }

    private static void AssertJson(string expected, BsonDocument actual) =>
        Assert.Equal(BsonDocument.Parse(expected).ToJson(), actual.ToJson());
}
