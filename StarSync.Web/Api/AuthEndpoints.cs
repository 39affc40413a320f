using System.Net.Mail;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

public sealed record RegisterRequest(string? Name, string? Email, string? Password);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record MeResponse(string Id, string Name, string Email, string Role);

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string SessionId);

/// <summary>Accounts and API tokens for mobile and other API clients: register, login, refresh, logout, me.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/register", RegisterAsync)
            .WithSummary("Create a user account.")
            .Accepts<RegisterRequest>("application/json")
            .Produces<MeResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(AuthSetup.SignInRateLimit);
        auth.MapPost("/login", LoginAsync)
            .WithSummary("Sign in; a newer sign-in anywhere ends this session.")
            .Accepts<LoginRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AuthSetup.SignInRateLimit);
        auth.MapPost("/refresh", RefreshAsync)
            .WithSummary("Trade a refresh token for a new pair; the old refresh token dies, and reusing it revokes the session.")
            .Accepts<RefreshRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", LogoutAsync)
            .WithSummary("End this session everywhere it is used.")
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(Policies.User);
        routes.MapGet("/api/v1/me", Me)
            .WithTags("Auth")
            .WithSummary("Who the token or cookie belongs to.")
            .Produces<MeResponse>()
            .RequireAuthorization(Policies.User);
        return routes;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, IAccountStore accounts, PasswordHasher hasher, IAuditLog audit)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = RegistrationErrors(body!.Name, body.Email, body.Password);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var created = await accounts.CreateAsync(new NewAccount
        {
            Email = body.Email!,
            Name = body.Name!.Trim(),
            Role = AccountRole.User,
            PasswordHash = hasher.Hash(body.Password!),
        }, request.HttpContext.RequestAborted);
        if (!created.Created)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "An account with this email already exists.",
                detail: "Sign in instead, or reset the password if you forgot it.");
        }

        await audit.AppendAsync(new NewAuditEntry("account.registered", created.Account.Id, created.Account.Id, "self-service"));
        return Results.Created("/api/v1/me", ToMe(created.Account));
    }

    /// <summary>The registration form's rules, shared by the page and the API.</summary>
    public static Dictionary<string, string[]> RegistrationErrors(string? name, string? email, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Name is required."];
        }
        else if (name.Trim().Length > 100)
        {
            errors["name"] = ["Name must be at most 100 characters."];
        }

        if (!IsEmail(email))
        {
            errors["email"] = ["Enter an email address such as name@example.com."];
        }

        if (PasswordPolicy.Check(password, email) is { } passwordProblem)
        {
            errors["password"] = [passwordProblem];
        }

        return errors;
    }

    public static bool IsEmail(string? email) =>
        email is { Length: > 3 and <= 254 } && MailAddress.TryCreate(email.Trim(), out var address) && address.Address == email.Trim() && address.Host.Contains('.', StringComparison.Ordinal);

    private static async Task<IResult> LoginAsync(HttpRequest request, SignInService signIn, RefreshTokenService tokens)
    {
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body!.Email))
        {
            errors["email"] = ["Email is required."];
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors["password"] = ["Password is required."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var attempt = await signIn.SignInAsync(body.Email!, body.Password!, SignInService.ClientOf(request.HttpContext), request.HttpContext.RequestAborted);
        switch (attempt.Outcome)
        {
            case SignInOutcome.SignedIn:
                var pair = await tokens.IssueAsync(attempt.Account!, attempt.Session!.Id, request.HttpContext.RequestAborted);
                return Results.Ok(new TokenResponse(pair.AccessToken, pair.RefreshToken, pair.ExpiresIn, pair.SessionId));
            case SignInOutcome.LockedOut:
                var wait = attempt.RetryAfter is { } until ? Math.Max(1, (int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds)) : 60;
                request.HttpContext.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins.",
                    detail: $"Try again in {Math.Max(1, wait / 60)} minute(s), or reset your password.");
            case SignInOutcome.AccountNotActive:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This account cannot sign in.",
                    detail: "It has been blocked or deactivated. Contact support.");
            default:
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong email or password.");
        }
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, RefreshTokenService tokens)
    {
        var (body, problem) = await JsonBody.ReadAsync<RefreshRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.RefreshToken))
        {
            return Problems.Validation("refreshToken", "refreshToken is required.");
        }

        var (pair, refusal) = await tokens.RotateAsync(body.RefreshToken, request.HttpContext.RequestAborted);
        return pair is not null
            ? Results.Ok(new TokenResponse(pair.AccessToken, pair.RefreshToken, pair.ExpiresIn, pair.SessionId))
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: refusal switch
            {
                RefreshRefusal.Reused => "This refresh token was already used; the session has been ended for safety. Sign in again.",
                RefreshRefusal.Expired => "The refresh token has expired. Sign in again.",
                RefreshRefusal.SessionEnded => "The session has ended. Sign in again.",
                _ => "Unknown refresh token.",
            });
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, SessionEnding sessions)
    {
        if (StarSyncClaims.AccountIdOf(context.User) is { } accountId && StarSyncClaims.SessionIdOf(context.User) is { } sessionId)
        {
            await sessions.EndAsync(accountId, sessionId, SessionEndReason.SignedOut, context.RequestAborted);
        }

        return Results.NoContent();
    }

    private static IResult Me(HttpContext context) => Results.Ok(new MeResponse(
        StarSyncClaims.AccountIdOf(context.User)!,
        context.User.FindFirst(StarSyncClaims.Name)?.Value ?? "",
        context.User.FindFirst(StarSyncClaims.Email)?.Value ?? "",
        (context.User.FindFirst(StarSyncClaims.Role)?.Value ?? nameof(AccountRole.User)).ToLowerInvariant()));

    public static MeResponse ToMe(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new MeResponse(account.Id, account.Name, account.Email, account.Role.ToString().ToLowerInvariant());
    }
}
