using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StarSync.Web.Tests.Payments;

/// <summary>One request the stand-in received: method, path, form fields and the headers Stripe.net sends.</summary>
public sealed record StripeRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? StripeVersion, string? Authorization);

/// <summary>
/// A small in-process stand-in for the Stripe API (the part StarSync calls), on a real loopback socket, so the app's
/// Stripe.net client is exercised end to end through <c>STRIPE_API_BASE</c>. It creates, reads and expires checkout
/// sessions and records every request.
/// </summary>
public sealed class StripeStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _next;

    public StripeStandIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/checkout/sessions", CreateAsync);
        _app.MapGet("/v1/checkout/sessions/{id}", (string id, HttpRequest request) => Record(request, null) is var _ && Sessions.TryGetValue(id, out var s) ? Json(s) : NotFound(id));
        _app.MapPost("/v1/checkout/sessions/{id}/expire", async (string id, HttpRequest request) =>
        {
            Record(request, await request.ReadFormAsync());
            if (!Sessions.TryGetValue(id, out var session))
            {
                return NotFound(id);
            }

            if (session["status"]!.GetValue<string>() == "complete")
            {
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "This Checkout Session is complete." } }, statusCode: 400);
            }

            session["status"] = "expired";
            return Json(session);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<StripeRequest> Requests { get; } = new();

    /// <summary>The sessions it holds, by id, as Stripe's JSON (tests change status and payment_status).</summary>
    public ConcurrentDictionary<string, JsonObject> Sessions { get; } = new();

    /// <summary>When set, session creation answers this HTTP status with a Stripe error.</summary>
    public int? FailCreateWith { get; set; }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> CreateAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var recorded = Record(request, form);
        if (FailCreateWith is { } status)
        {
            return Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "Stand-in failure." } }, statusCode: status);
        }

        var id = "cs_test_" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        long total = 0;
        for (var i = 0; recorded.Form.TryGetValue($"line_items[{i}][price_data][unit_amount]", out var amount); i++)
        {
            total += long.Parse(amount, CultureInfo.InvariantCulture) * long.Parse(recorded.Form[$"line_items[{i}][quantity]"], CultureInfo.InvariantCulture);
        }

        var session = new JsonObject
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = total,
            ["currency"] = recorded.Form.GetValueOrDefault("line_items[0][price_data][currency]"),
            ["client_reference_id"] = recorded.Form.GetValueOrDefault("client_reference_id"),
            ["metadata"] = new JsonObject { ["topUpId"] = recorded.Form.GetValueOrDefault("metadata[topUpId]") },
            ["payment_intent"] = null,
            ["url"] = "https://checkout.stripe.test/c/pay/" + id,
            ["success_url"] = recorded.Form.GetValueOrDefault("success_url"),
            ["cancel_url"] = recorded.Form.GetValueOrDefault("cancel_url"),
        };
        Sessions[id] = session;
        return Json(session);
    }

    private StripeRequest Record(HttpRequest request, IFormCollection? form)
    {
        var recorded = new StripeRequest(
            request.Method,
            request.Path.Value ?? "",
            form?.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal) ?? [],
            request.Headers["Idempotency-Key"].FirstOrDefault(),
            request.Headers["Stripe-Version"].FirstOrDefault(),
            request.Headers.Authorization.FirstOrDefault());
        Requests.Enqueue(recorded);
        return recorded;
    }

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");

    private static IResult NotFound(string id) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = $"No such checkout.session: '{id}'" } }, statusCode: 404);
}
