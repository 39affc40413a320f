using StarSync.Engine.Accounts;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Storage;
using StarSync.Web.Accounts;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

public sealed record UpdateProfileRequest(string? Name, string? TimeZone);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record DeleteAccountRequest(string? Password);

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetCompletion(string? Token, string? Password);

public sealed record PasswordResetLink(string Url, string ExpiresIn);

/// <summary>A signed-in person's own account: profile, password, saved birth profiles, export and deletion.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/v1/me").WithTags("Account").RequireAuthorization(Policies.User);
        me.MapPut("/", UpdateAsync).Accepts<UpdateProfileRequest>("application/json").Produces<MeResponse>().ProducesValidationProblem();
        me.MapPost("/password", ChangePasswordAsync).Accepts<ChangePasswordRequest>("application/json").Produces<TokenResponse>().ProducesValidationProblem()
            .WithSummary("Change the password; every other device is signed out and this client gets a new token pair.");
        me.MapDelete("/", DeleteAsync).Accepts<DeleteAccountRequest>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithSummary("Delete the account: personal data scrubbed, payments ledger kept against a tombstone.");
        me.MapGet("/export", ExportAsync).Produces<AccountExport>().WithSummary("Everything StarSync keeps about you, as JSON.");
        me.MapGet("/birth-profiles", ListProfilesAsync).Produces<IReadOnlyList<BirthProfile>>();
        me.MapPost("/birth-profiles", AddProfileAsync).Accepts<BirthDetails>("application/json").Produces<BirthProfile>(StatusCodes.Status201Created).ProducesValidationProblem();
        me.MapPut("/birth-profiles/{id}", UpdateProfileAsync).Accepts<BirthDetails>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        me.MapDelete("/birth-profiles/{id}", DeleteProfileAsync).Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound);

        var reset = routes.MapGroup("/api/v1/auth/password-reset").WithTags("Auth").RequireRateLimiting(AuthSetup.SignInRateLimit);
        reset.MapPost("/request", RequestResetAsync).Accepts<PasswordResetRequest>("application/json").Produces(StatusCodes.Status202Accepted)
            .WithSummary("Email a reset link when SMTP is configured. The answer is the same whether or not the email has an account.");
        reset.MapPost("/", CompleteResetAsync).Accepts<PasswordResetCompletion>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();

        routes.MapPost("/api/v1/admin/users/{id}/password-reset", IssueResetForUserAsync).WithTags("Admin").RequireAuthorization(Policies.Admin)
            .Produces<PasswordResetLink>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Issue a single-use password reset link for a user (hand it over when no SMTP is configured).");
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> UpdateAsync(HttpContext context, IAccountStore accounts, CivilTimeResolver zones)
    {
        var (body, problem) = await JsonBody.ReadAsync<UpdateProfileRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (body!.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100))
        {
            errors["name"] = ["Name must be 1 to 100 characters."];
        }

        if (body.TimeZone is { } zone && !zones.IsKnownZone(zone))
        {
            errors["timeZone"] = [$"Unknown time zone '{zone}'. Use an IANA zone id such as Asia/Kolkata."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (body.Name is { } newName)
        {
            await accounts.UpdateNameAsync(Me(context), newName.Trim(), context.RequestAborted);
        }

        if (body.TimeZone is { } newZone)
        {
            await accounts.UpdateTimeZoneAsync(Me(context), newZone, context.RequestAborted);
        }

        var account = await accounts.FindByIdAsync(Me(context), context.RequestAborted);
        return Results.Ok(AuthEndpoints.ToMe(account!));
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, AccountService service, RefreshTokenService tokens)
    {
        var (body, problem) = await JsonBody.ReadAsync<ChangePasswordRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var (errors, account, session) = await service.ChangePasswordAsync(Me(context), body!.CurrentPassword, body.NewPassword, SignInService.ClientOf(context), context.RequestAborted);
        if (errors.Count > 0 || account is null || session is null)
        {
            return Problems.Validation(errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["$"] = ["The password could not be changed."] });
        }

        var pair = await tokens.IssueAsync(account, session.Id, context.RequestAborted);
        return Results.Ok(new TokenResponse(pair.AccessToken, pair.RefreshToken, pair.ExpiresIn, pair.SessionId));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, AccountService service)
    {
        var (body, problem) = await JsonBody.ReadAsync<DeleteAccountRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        return await service.DeleteAsync(Me(context), body!.Password, context.RequestAborted)
            ? Results.NoContent()
            : Problems.Validation("password", "Enter your current password to delete the account.");
    }

    private static async Task<IResult> ExportAsync(HttpContext context, AccountService service)
    {
        var export = await service.ExportAsync(Me(context), context.RequestAborted);
        context.Response.Headers.ContentDisposition = "attachment; filename=\"starsync-my-data.json\"";
        return export is null ? Results.NotFound() : Results.Ok(export);
    }

    private static async Task<IResult> ListProfilesAsync(HttpContext context, IBirthProfileStore profiles) =>
        Results.Ok(await profiles.ListAsync(Me(context), context.RequestAborted));

    private static async Task<IResult> AddProfileAsync(HttpContext context, IBirthProfileStore profiles)
    {
        var (body, problem) = await JsonBody.ReadAsync<BirthDetails>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var added = await profiles.AddAsync(Me(context), body!, context.RequestAborted);
            return added is null
                ? Problems.Validation("$", "You have reached the limit of saved birth profiles. Delete one first.")
                : Results.Created($"/api/v1/me/birth-profiles/{added.Id}", added);
        }
        catch (ArgumentException e)
        {
            return Problems.Validation(JsonName(e.ParamName), e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static async Task<IResult> UpdateProfileAsync(string id, HttpContext context, IBirthProfileStore profiles)
    {
        var (body, problem) = await JsonBody.ReadAsync<BirthDetails>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return await profiles.UpdateAsync(Me(context), id, body!, context.RequestAborted) ? Results.NoContent() : Results.NotFound();
        }
        catch (ArgumentException e)
        {
            return Problems.Validation(JsonName(e.ParamName), e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static async Task<IResult> DeleteProfileAsync(string id, HttpContext context, IBirthProfileStore profiles) =>
        await profiles.DeleteAsync(Me(context), id, context.RequestAborted) ? Results.NoContent() : Results.NotFound();

    private static async Task<IResult> RequestResetAsync(HttpContext context, AccountService service)
    {
        var (body, problem) = await JsonBody.ReadAsync<PasswordResetRequest>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!AuthEndpoints.IsEmail(body!.Email))
        {
            return Problems.Validation("email", "Enter an email address such as name@example.com.");
        }

        // The link goes only by email: the answer never carries it and never says whether the account exists.
        await service.IssuePasswordResetAsync(body.Email!, BaseUrl(context), "anonymous", context.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> CompleteResetAsync(HttpContext context, AccountService service)
    {
        var (body, problem) = await JsonBody.ReadAsync<PasswordResetCompletion>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Token))
        {
            return Problems.Validation("token", "token is required.");
        }

        var errors = await service.ResetPasswordAsync(body.Token, body.Password, context.RequestAborted);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.NoContent();
    }

    private static async Task<IResult> IssueResetForUserAsync(string id, HttpContext context, IAccountStore accounts, AccountService service)
    {
        var account = await accounts.FindByIdAsync(id, context.RequestAborted);
        if (account is null || account.Status == AccountStatus.Deleted)
        {
            return Results.NotFound();
        }

        var url = await service.IssuePasswordResetAsync(account, BaseUrl(context), Me(context), context.RequestAborted);
        return Results.Ok(new PasswordResetLink(url, "1 hour"));
    }

    public static string BaseUrl(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
    }

    private static string JsonName(string? parameter) =>
        string.IsNullOrEmpty(parameter) ? "$" : char.ToLowerInvariant(parameter[0]) + parameter[1..];
}
