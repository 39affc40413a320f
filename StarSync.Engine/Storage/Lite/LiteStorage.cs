namespace StarSync.Engine.Storage.Lite;

/// <summary>Builds every storage port over one embedded <see cref="LiteStore"/> (the embedded default).</summary>
public static class LiteStorage
{
    /// <summary>
    /// Opens every collection and ensures its indexes. Call once at start-up with the process's single
    /// <see cref="LiteStore"/>; the account change feed is in-process.
    /// </summary>
    public static StoragePorts Open(LiteStore store, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var feed = new InProcessAccountChangeFeed();
        return new StoragePorts
        {
            Accounts = new LiteAccountStore(store, feed, clock),
            AccountChanges = feed,
            RefreshTokens = new LiteRefreshTokenStore(store, clock),
            SingleUseTokens = new LiteSingleUseTokenStore(store, clock),
            BirthProfiles = new LiteBirthProfileStore(store, clock),
            SignInThrottle = new LiteSignInThrottle(store, clock),
            AuditLog = new LiteAuditLog(store, clock),
            TopUps = new LiteTopUpStore(store, clock),
            WebhookEvents = new LiteWebhookEventStore(store, clock),
            Ledger = new LiteLedgerStore(store, clock),
            Horoscopes = new LiteHoroscopeStore(store, clock),
            AstrologerProfiles = new LiteAstrologerProfileStore(store, clock),
            PlatformSettings = new LitePlatformSettingsStore(store, clock),
            Consultations = new LiteConsultationStore(store, clock),
            ConsultationMessages = new LiteConsultationMessageStore(store, clock),
            Reviews = new LiteReviewStore(store, clock),
            Reports = new LiteReportStore(store, clock),
        };
    }
}
