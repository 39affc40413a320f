namespace StarSync.Engine.Storage.Mongo;

/// <summary>Builds every storage port over one <see cref="MongoStore"/> (production).</summary>
public static class MongoStorage
{
    /// <summary>
    /// Ensures every index, then builds the ports. Call once at start-up; the account change feed is a change stream,
    /// so the server must be a replica set.
    /// </summary>
    public static async Task<StoragePorts> OpenAsync(MongoStore store, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        await store.EnsureIndexesAsync(cancellationToken).ConfigureAwait(false);
        await MongoTopUpStore.EnsureIndexesAsync(store, cancellationToken).ConfigureAwait(false);
        return new StoragePorts
        {
            Accounts = new MongoAccountStore(store, clock),
            AccountChanges = new MongoAccountChangeFeed(store),
            RefreshTokens = new MongoRefreshTokenStore(store, clock),
            SingleUseTokens = new MongoSingleUseTokenStore(store, clock),
            BirthProfiles = new MongoBirthProfileStore(store, clock),
            SignInThrottle = new MongoSignInThrottle(store, clock),
            AuditLog = new MongoAuditLog(store, clock),
            TopUps = new MongoTopUpStore(store, clock),
            WebhookEvents = new MongoWebhookEventStore(store, clock),
            Ledger = new MongoLedgerStore(store, clock),
            Horoscopes = new MongoHoroscopeStore(store, clock),
            AstrologerProfiles = new MongoAstrologerProfileStore(store, clock),
            PlatformSettings = new MongoPlatformSettingsStore(store, clock),
            Consultations = new MongoConsultationStore(store, clock),
            ConsultationMessages = new MongoConsultationMessageStore(store, clock),
            Reviews = new MongoReviewStore(store, clock),
            Reports = new MongoReportStore(store, clock),
        };
    }
}
