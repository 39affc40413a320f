using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using StarSync.Web.Auth;
using StarSync.Web.Components.Pages.Wallet;
using StarSync.Web.Wallet;

namespace StarSync.Web.Api;

/// <summary>The wallet statement as CSV and the printable receipt of a completed top-up; the owner's own only.</summary>
public static class WalletStatementEndpoints
{
    public static IEndpointRouteBuilder MapWalletStatementEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/wallet/transactions.csv", CsvAsync).WithTags("Wallet").RequireAuthorization(Policies.User)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem()
            .WithSummary("The wallet's entries as CSV, newest first; kind (topup, consultation, …) and from/to (YYYY-MM-DD, your time zone, inclusive) filter.");
        routes.MapGet("/wallet/topups/{id}/receipt", ReceiptAsync).RequireAuthorization(Policies.User).ExcludeFromDescription();
        return routes;
    }

    private static string Me(HttpContext context) => StarSyncClaims.AccountIdOf(context.User)!;

    private static async Task<IResult> CsvAsync(HttpContext context, WalletStatement statement, TimeProvider clock, string? kind, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = StatementFilter.Parse(kind, from, to, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var accountId = Me(context);
        var today = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"starsync-wallet-{today}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        await statement.WriteCsvAsync(accountId, filter, writer, context.RequestAborted);
        await writer.FlushAsync(context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> ReceiptAsync(HttpContext context, TopUpReceipts receipts, string id)
    {
        var receipt = await receipts.ForOwnerAsync(Me(context), id, context.RequestAborted);
        if (receipt is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, no-store";
        return new RazorComponentResult<ReceiptDocument>(new { Receipt = receipt });
    }
}
