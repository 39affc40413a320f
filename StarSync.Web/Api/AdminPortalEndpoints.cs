using System.Globalization;
using StarSync.Engine.Accounts;
using StarSync.Engine.Platform;
using StarSync.Engine.Storage;
using StarSync.Web.Admin;
using StarSync.Web.Assets;
using StarSync.Web.Auth;

namespace StarSync.Web.Api;

public sealed record PageResponse<T>(IReadOnlyList<T> Items, long Total, int Skip, int Take);

public sealed record OnboardedResponse(AstrologerView Astrologer, InvitationLink Invitation);

public sealed record AdminUserResponse(string Id, string Email, string Name, AccountRole Role, AccountStatus Status, DateTimeOffset CreatedAt, bool SignedIn);

public sealed record AdminUserDetailResponse(
    AdminUserResponse Account,
    long WalletBalance,
    string Currency,
    PageResponse<Engine.Wallet.LedgerEntry> Transactions,
    PageResponse<Engine.Payments.TopUp> TopUps,
    PageResponse<AuditEntry> Activity,
    IReadOnlyList<ConsultationLine> Consultations);

public sealed record InvitationAcceptance(string? Token, string? Password);

/// <summary>
/// The admin portal's API under <c>/api/v1/admin</c>: astrologers (onboard, edit, photo, password reset, deactivate,
/// reactivate, delete), users (search, detail, block, unblock), platform settings and the audit log. Every action
/// is audited by the services it calls. Also the invitation's own endpoint, <c>POST /api/v1/auth/invitation</c>.
/// </summary>
public static class AdminPortalEndpoints
{
    public static IEndpointRouteBuilder MapAdminPortalEndpoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/astrologers", ListAstrologersAsync).Produces<PageResponse<AstrologerView>>().ProducesValidationProblem()
            .WithSummary("Astrologers, active and inactive, filtered by search, status, language and expertise; by name.");
        admin.MapPost("/astrologers", CreateAstrologerAsync).Accepts<AstrologerInput>("application/json").Produces<OnboardedResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Onboard an astrologer: the account, the profile and a one-time invitation link (emailed when SMTP is configured).");
        admin.MapGet("/astrologers/{id}", GetAstrologerAsync).Produces<AstrologerView>().Produces(StatusCodes.Status404NotFound);
        admin.MapPut("/astrologers/{id}", UpdateAstrologerAsync).Accepts<AstrologerInput>("application/json").Produces<AstrologerView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound);
        admin.MapPut("/astrologers/{id}/photo", SetPhotoAsync).Accepts<Stream>("image/jpeg", "image/png", "image/webp").Produces<AstrologerView>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("Upload the profile photo as the raw body; it is checked and re-encoded to a 512 px WebP square.");
        admin.MapPost("/astrologers/{id}/password-reset", ResetAstrologerPasswordAsync).Produces<InvitationLink>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("End the astrologer's sessions, void the password and issue a new invitation link.");
        admin.MapPost("/astrologers/{id}/deactivate", (string id, HttpContext context, AstrologerAdmin service) => SetActiveAsync(id, false, context, service))
            .Produces<AstrologerView>().Produces(StatusCodes.Status404NotFound).WithSummary("Hide from the directory and sign out at once (reason 'deactivated').");
        admin.MapPost("/astrologers/{id}/reactivate", (string id, HttpContext context, AstrologerAdmin service) => SetActiveAsync(id, true, context, service))
            .Produces<AstrologerView>().Produces(StatusCodes.Status404NotFound);
        admin.MapDelete("/astrologers/{id}", DeleteAstrologerAsync).Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound)
            .WithSummary("Scrub personal data and keep a tombstone under an anonymised name; ledger and history stay whole.");

        admin.MapGet("/users", ListUsersAsync).Produces<PageResponse<AdminUserResponse>>().ProducesValidationProblem();
        admin.MapGet("/users/{id}", GetUserAsync).Produces<AdminUserDetailResponse>().Produces(StatusCodes.Status404NotFound);
        admin.MapPost("/users/{id}/block", (string id, HttpContext context, UserAdmin service) => SetBlockedAsync(id, true, context, service))
            .Produces<AdminUserResponse>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound).WithSummary("Block and sign out at once (reason 'blocked').");
        admin.MapPost("/users/{id}/unblock", (string id, HttpContext context, UserAdmin service) => SetBlockedAsync(id, false, context, service))
            .Produces<AdminUserResponse>().ProducesValidationProblem().Produces(StatusCodes.Status404NotFound);

        admin.MapGet("/settings", GetSettingsAsync).Produces<PlatformSettings>()
            .WithSummary("The platform settings: money in paise, percentages in basis points (3000 = 30 %).");
        admin.MapPut("/settings", SaveSettingsAsync).Accepts<PlatformSettings>("application/json").Produces<PlatformSettings>().ProducesValidationProblem().Produces(StatusCodes.Status409Conflict)
            .WithSummary("Save over the version read; 409 when someone saved in between.");
        admin.MapGet("/audit", QueryAuditAsync).Produces<PageResponse<AuditEntry>>().ProducesValidationProblem()
            .WithSummary("The audit log, newest first, filtered by kind, actor, account and time (from inclusive, to exclusive).");

        routes.MapPost("/api/v1/auth/invitation", AcceptInvitationAsync).WithTags("Auth").RequireRateLimiting(AuthSetup.SignInRateLimit)
            .Accepts<InvitationAcceptance>("application/json").Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithSummary("Set the password of an invited account with its one-time invitation token.");
        return routes;
    }

    private static string Actor(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> ListAstrologersAsync(HttpContext context, AstrologerAdmin service)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = Paging(query, errors);
        var status = Status(query["status"], errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await service.ListAsync(new AstrologerQuery
        {
            Search = query["search"], Status = status, Language = query["language"], Expertise = query["expertise"], Skip = skip, Take = take,
        }, context.RequestAborted);
        return Results.Ok(new PageResponse<AstrologerView>(page.Items, page.Total, page.Skip, page.Take));
    }

    private static async Task<IResult> CreateAstrologerAsync(HttpContext context, AstrologerAdmin service)
    {
        var (body, problem) = await JsonBody.ReadAsync<AstrologerInput>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await service.CreateAsync(body!, Actor(context), AccountEndpoints.BaseUrl(context), context.RequestAborted);
        return outcome.IsValid
            ? Results.Created($"/api/v1/admin/astrologers/{outcome.Value!.Astrologer.Id}", new OnboardedResponse(outcome.Value.Astrologer, outcome.Value.Invitation))
            : Problems.Validation(outcome.Errors);
    }

    private static async Task<IResult> GetAstrologerAsync(string id, HttpContext context, AstrologerAdmin service) =>
        await service.FindAsync(id, context.RequestAborted) is { } view ? Results.Ok(view) : Results.NotFound();

    private static async Task<IResult> UpdateAstrologerAsync(string id, HttpContext context, AstrologerAdmin service)
    {
        var (body, problem) = await JsonBody.ReadAsync<AstrologerInput>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await service.UpdateAsync(id, body!, Actor(context), context.RequestAborted);
        return !outcome.IsValid ? Problems.Validation(outcome.Errors) : outcome.Value is null ? Results.NotFound() : Results.Ok(outcome.Value);
    }

    private static async Task<IResult> SetPhotoAsync(string id, HttpContext context, AstrologerAdmin service)
    {
        try
        {
            return await service.SetPhotoAsync(id, context.Request.Body, Actor(context), context.RequestAborted) is { } view ? Results.Ok(view) : Results.NotFound();
        }
        catch (ImageRejectedException e)
        {
            return Problems.Validation("photo", e.Message);
        }
    }

    private static async Task<IResult> ResetAstrologerPasswordAsync(string id, HttpContext context, AstrologerAdmin service) =>
        await service.ResetPasswordAsync(id, Actor(context), AccountEndpoints.BaseUrl(context), context.RequestAborted) is { } link ? Results.Ok(link) : Results.NotFound();

    private static async Task<IResult> SetActiveAsync(string id, bool active, HttpContext context, AstrologerAdmin service) =>
        await service.SetActiveAsync(id, active, Actor(context), context.RequestAborted) is { } view ? Results.Ok(view) : Results.NotFound();

    private static async Task<IResult> DeleteAstrologerAsync(string id, HttpContext context, AstrologerAdmin service) =>
        await service.DeleteAsync(id, Actor(context), context.RequestAborted) ? Results.NoContent() : Results.NotFound();

    private static async Task<IResult> ListUsersAsync(HttpContext context, UserAdmin service)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = Paging(query, errors);
        var status = Status(query["status"], errors);
        AccountRole? role = null;
        if (query["role"].ToString() is { Length: > 0 } roleText)
        {
            role = Enum.TryParse<AccountRole>(roleText, ignoreCase: true, out var parsed) ? parsed : null;
            if (role is null)
            {
                errors["role"] = ["Use user, astrologer or admin."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await service.SearchAsync(new AccountQuery { Search = query["search"], Role = role, Status = status, Skip = skip, Take = take }, context.RequestAborted);
        return Results.Ok(new PageResponse<AdminUserResponse>(page.Items.Select(ToUser).ToList(), page.Total, page.Skip, page.Take));
    }

    private static async Task<IResult> GetUserAsync(string id, HttpContext context, UserAdmin service)
    {
        var detail = await service.DetailAsync(id, 0, context.RequestAborted);
        return detail is null
            ? Results.NotFound()
            : Results.Ok(new AdminUserDetailResponse(
                ToUser(detail.Account),
                detail.Wallet.Balance,
                detail.Wallet.Currency,
                new(detail.Transactions.Items, detail.Transactions.Total, detail.Transactions.Skip, detail.Transactions.Take),
                new(detail.TopUps.Items, detail.TopUps.Total, detail.TopUps.Skip, detail.TopUps.Take),
                new(detail.Activity.Items, detail.Activity.Total, detail.Activity.Skip, detail.Activity.Take),
                detail.Consultations));
    }

    private static async Task<IResult> SetBlockedAsync(string id, bool blocked, HttpContext context, UserAdmin service)
    {
        var outcome = await service.SetBlockedAsync(id, blocked, Actor(context), context.RequestAborted);
        return !outcome.IsValid ? Problems.Validation(outcome.Errors) : outcome.Value is null ? Results.NotFound() : Results.Ok(ToUser(outcome.Value));
    }

    private static async Task<IResult> GetSettingsAsync(PlatformSettingsService settings, CancellationToken cancellationToken) =>
        Results.Ok(await settings.RefreshAsync(cancellationToken));

    private static async Task<IResult> SaveSettingsAsync(HttpContext context, PlatformSettingsService settings)
    {
        var (body, problem) = await JsonBody.ReadAsync<PlatformSettings>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var save = await settings.SaveAsync(body!, Actor(context), context.RequestAborted);
        return save.Status switch
        {
            SettingsSaveStatus.Saved => Results.Ok(save.Settings),
            SettingsSaveStatus.Conflict => Results.Problem(detail: save.Errors["version"][0], statusCode: StatusCodes.Status409Conflict, title: "The settings changed meanwhile"),
            _ => Problems.Validation(save.Errors),
        };
    }

    private static async Task<IResult> QueryAuditAsync(HttpContext context, IAuditLog audit)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var (skip, take) = Paging(query, errors);
        var from = Instant(query["from"], "from", errors);
        var to = Instant(query["to"], "to", errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var page = await audit.QueryAsync(new AuditQuery
        {
            Kind = NonEmpty(query["kind"]), Actor = NonEmpty(query["actor"]), AccountId = NonEmpty(query["accountId"]), From = from, To = to, Skip = skip, Take = take,
        }, context.RequestAborted);
        return Results.Ok(new PageResponse<AuditEntry>(page.Items, page.Total, page.Skip, page.Take));
    }

    private static async Task<IResult> AcceptInvitationAsync(HttpContext context, Invitations invitations)
    {
        var (body, problem) = await JsonBody.ReadAsync<InvitationAcceptance>(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = await invitations.AcceptAsync(body!.Token, body.Password, context.RequestAborted);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.NoContent();
    }

    internal static AdminUserResponse ToUser(Account a) => new(a.Id, a.Email, a.Name, a.Role, a.Status, a.CreatedAt, a.ActiveSession is not null);

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static (int Skip, int Take) Paging(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var skip = 0;
        var take = 25;
        if (query["skip"].ToString() is { Length: > 0 } s && (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            errors["skip"] = ["skip must be a whole number, 0 or more."];
        }

        if (query["take"].ToString() is { Length: > 0 } t && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > Engine.Storage.Paging.MaxTake))
        {
            errors["take"] = [$"take must be 1–{Engine.Storage.Paging.MaxTake}."];
        }

        return (skip, take);
    }

    private static AccountStatus? Status(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.TryParse<AccountStatus>(text, ignoreCase: true, out var status) && !int.TryParse(text, out _))
        {
            return status;
        }

        errors["status"] = ["Use active, blocked, deactivated or deleted."];
        return null;
    }

    private static DateTimeOffset? Instant(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        errors[field] = ["Use an ISO 8601 instant such as 2026-03-01T00:00:00Z."];
        return null;
    }
}
