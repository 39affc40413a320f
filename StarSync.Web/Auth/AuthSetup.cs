using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Hosting;

namespace StarSync.Web.Auth;

/// <summary>
/// Composition of sign-in: a cookie for browsers and JWT bearer tokens for API clients, both carrying the session id
/// and both checked against the store on every request; role policies; the sign-in rate limit; the circuit kill switch.
/// </summary>
public static class AuthSetup
{
    public const string SmartScheme = "cookie-or-bearer";
    public const string SignInRateLimit = "sign-in";
    private const string RejectedSessionKey = "starsync.rejected-session";

    /// <exception cref="InvalidOperationException">A JWT key is too short, or Production is configured with a weak BCrypt cost.</exception>
    public static IServiceCollection AddStarSyncAuth(this IServiceCollection services, IConfiguration configuration, HostingSettings hosting, bool isProduction)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(hosting);
        if (isProduction && configuration.GetValue<int?>("Auth:BcryptWorkFactor") is < 12)
        {
            throw new InvalidOperationException("Auth:BcryptWorkFactor must be at least 12 in Production.");
        }

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Auth"))
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.AccessTokenLifetime <= TimeSpan.FromMinutes(15), "Auth:AccessTokenLifetime must be at most 15 minutes.")
            .Validate(o => o.BcryptWorkFactor is >= 4 and <= 31, "Auth:BcryptWorkFactor must be between 4 and 31.")
            .ValidateOnStart();
        services.AddSingleton(SigningKeys.Load(configuration, hosting.DataFolder));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<OpaqueTokens>();
        services.AddSingleton<SessionValidation>();
        services.AddSingleton<SessionEnding>();
        services.AddSingleton<SessionCircuitRegistry>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<RefreshTokenService>();
        services.AddSingleton<SessionRevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRevocationListener>());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "starsync";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/login";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/forbidden";
                o.ExpireTimeSpan = TimeSpan.FromDays(30);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ValidateCookieAsync;
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents { OnTokenValidated = ValidateTokenAsync };
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AccessTokens>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.User, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Astrologer, p => p.RequireRole(nameof(AccountRole.Astrologer)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(AccountRole.Admin)));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        // Blazor: the circuit's principal, re-checked periodically and switched off at once on revocation.
        services.AddCascadingAuthenticationState();
        services.AddScoped<SessionAuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<SessionAuthenticationStateProvider>());
        services.AddScoped<CircuitSession>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, SessionCircuitHandler>());
        return services;
    }

    /// <summary>
    /// After authentication: a request whose cookie carried a dead session is refused on the Blazor hub (negotiate and
    /// WebSocket), and a page request is sent to the signed-out notice that says why.
    /// </summary>
    public static IApplicationBuilder UseRejectedSessionNotice(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items[RejectedSessionKey] is (string accountId, string sessionId))
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/_blazor"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (HttpMethods.IsGet(context.Request.Method) && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/signed-out")
                && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
            {
                var accounts = context.RequestServices.GetRequiredService<IAccountStore>();
                var registry = context.RequestServices.GetRequiredService<SessionCircuitRegistry>();
                context.Response.Redirect(await registry.NoticeUrlAsync(accounts, accountId, sessionId, context.RequestAborted));
                return;
            }
        }

        await next(context);
    });

    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var validation = context.HttpContext.RequestServices.GetRequiredService<SessionValidation>();
        var accountId = StarSyncClaims.AccountIdOf(context.Principal);
        var sessionId = StarSyncClaims.SessionIdOf(context.Principal);
        if (!await validation.IsActiveAsync(accountId, sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (accountId is not null && sessionId is not null)
            {
                context.HttpContext.Items[RejectedSessionKey] = (accountId, sessionId);
            }
        }
    }

    private static async Task ValidateTokenAsync(TokenValidatedContext context)
    {
        var validation = context.HttpContext.RequestServices.GetRequiredService<SessionValidation>();
        if (!await validation.IsActiveAsync(StarSyncClaims.AccountIdOf(context.Principal), StarSyncClaims.SessionIdOf(context.Principal), context.HttpContext.RequestAborted))
        {
            context.Fail("The session has ended.");
        }
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
