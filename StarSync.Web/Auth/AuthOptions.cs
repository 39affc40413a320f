namespace StarSync.Web.Auth;

/// <summary>Sign-in, token and lockout settings (section "Auth"; the JWT keys come from the environment).</summary>
public sealed class AuthOptions
{
    /// <summary>BCrypt work factor. At least 12 in Production; tests use 4.</summary>
    public int BcryptWorkFactor { get; set; } = 12;

    /// <summary>Lifetime of an API access token (at most 15 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of an API refresh token.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a password-reset link stays valid.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed sign-ins for one email (or one address) within <see cref="FailureWindow"/> before a lockout.</summary>
    public int MaxFailures { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client address per minute (the rate limiter, before any password check).</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 20;

    /// <summary>How long a node may trust a session check without asking the store (revocations evict it at once).</summary>
    public TimeSpan SessionCheckCache { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a live circuit re-checks its session as a backstop to revocation events.</summary>
    public TimeSpan CircuitRevalidation { get; set; } = TimeSpan.FromSeconds(60);
}
