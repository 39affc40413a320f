namespace StarSync.Engine.Storage;

/// <summary>
/// Every storage port of one adapter, built together over one database, so composition is one line per port.
/// </summary>
public sealed record StoragePorts
{
    public required IAccountStore Accounts { get; init; }

    public required IAccountChangeFeed AccountChanges { get; init; }

    public required IRefreshTokenStore RefreshTokens { get; init; }

    public required ISingleUseTokenStore SingleUseTokens { get; init; }

    public required IBirthProfileStore BirthProfiles { get; init; }

    public required ISignInThrottle SignInThrottle { get; init; }

    public required IAuditLog AuditLog { get; init; }

    public required ITopUpStore TopUps { get; init; }

    public required IWebhookEventStore WebhookEvents { get; init; }

    public required ILedgerStore Ledger { get; init; }
    public required IHoroscopeStore Horoscopes { get; init; }

    public required IAstrologerProfileStore AstrologerProfiles { get; init; }

    public required IPlatformSettingsStore PlatformSettings { get; init; }

    public required IConsultationStore Consultations { get; init; }

    public required IConsultationMessageStore ConsultationMessages { get; init; }

    public required IReviewStore Reviews { get; init; }

    public required IReportStore Reports { get; init; }
}
