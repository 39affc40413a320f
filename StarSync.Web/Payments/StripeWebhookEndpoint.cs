using System.Text;
using Stripe;
using Stripe.Checkout;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;

namespace StarSync.Web.Payments;

/// <summary>
/// <c>POST /api/v1/payments/stripe/webhook</c>: verifies the <c>Stripe-Signature</c> over the raw body with
/// <c>STRIPE_WEBHOOK_SECRET</c> (Stripe.net's <see cref="EventUtility"/>: HMAC-SHA256, timestamp tolerance, and the
/// event's API version must be the one Stripe.net was built for), then hands the event to <see cref="TopUpFulfilment"/>.
/// Every delivery is audited, accepted or rejected with why; handled event ids are recorded, so a replay changes nothing.
/// </summary>
public static class StripeWebhookEndpoint
{
    public const string Path = "/api/v1/payments/stripe/webhook";
    private const string Actor = "stripe";
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, HandleAsync).WithTags("Payments").AllowAnonymous().DisableAntiforgery()
            .WithSummary($"Stripe webhook (signed; endpoint API version {StripeConfiguration.ApiVersion}).")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, PaymentsSettings settings, TopUpFulfilment fulfilment, IWebhookEventStore events, IAuditLog audit, TimeProvider clock, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookEndpoint));
        if (settings.Mode != PaymentsMode.Stripe)
        {
            await RejectAsync(audit, $"Stripe payments are not enabled (mode {settings.Mode.ToString().ToLowerInvariant()})", context.RequestAborted);
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Stripe payments are not enabled.");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await RejectAsync(audit, "body too large", context.RequestAborted);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "The event is too large.");
        }

        // The signature covers the exact bytes sent: read them raw, never re-serialise.
        string json;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var signature = context.Request.Headers["Stripe-Signature"].ToString();
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                json, signature, settings.StripeWebhookSecret, settings.WebhookToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: true);
        }
        catch (StripeException e)
        {
            await RejectAsync(audit, e.Message, context.RequestAborted);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook rejected", detail: e.Message);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            await RejectAsync(audit, "signed body is not a Stripe event", context.RequestAborted);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook rejected", detail: "The body is not a Stripe event.");
        }

        if (await events.FindAsync(stripeEvent.Id, context.RequestAborted) is { } seen)
        {
            await audit.AppendAsync(new NewAuditEntry("payment.webhook.duplicate", Actor, null, $"{stripeEvent.Id} {stripeEvent.Type}: already handled ({seen.Outcome}); nothing changed"), context.RequestAborted);
            return Results.Ok(new { received = true, duplicate = true });
        }

        var (objectId, result) = await DispatchAsync(stripeEvent, fulfilment, context.RequestAborted);
        var outcome = result is null ? "ignored (not handled)" : Describe(result);
        await events.TryRecordAsync(stripeEvent.Id, stripeEvent.Type, objectId, outcome, context.RequestAborted);
        await audit.AppendAsync(new NewAuditEntry("payment.webhook.accepted", Actor, result?.TopUp?.AccountId, $"{stripeEvent.Id} {stripeEvent.Type} {objectId}: {outcome}"), context.RequestAborted);
        logger.LogInformation("Stripe event {EventId} {Type}: {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return Results.Ok(new { received = true, duplicate = false });
    }

    private static async Task<(string? ObjectId, FulfilmentResult? Result)> DispatchAsync(Event stripeEvent, TopUpFulfilment fulfilment, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Type)
        {
            case EventTypes.CheckoutSessionCompleted:
            case EventTypes.CheckoutSessionAsyncPaymentSucceeded:
            case EventTypes.CheckoutSessionExpired:
            {
                var session = (Session)stripeEvent.Data.Object;
                return (session.Id, await fulfilment.ApplySessionAsync(StripeCheckout.Facts(session), Actor, cancellationToken));
            }

            case EventTypes.CheckoutSessionAsyncPaymentFailed:
            {
                var session = (Session)stripeEvent.Data.Object;
                return (session.Id, await fulfilment.FailSessionAsync(StripeCheckout.Facts(session), "The delayed payment failed.", Actor, cancellationToken));
            }

            case EventTypes.ChargeRefunded:
            {
                var charge = (Charge)stripeEvent.Data.Object;
                return charge.PaymentIntentId is { } paymentIntent
                    ? (charge.Id, await fulfilment.RefundAsync(charge.Id, paymentIntent, charge.AmountRefunded, Actor, cancellationToken))
                    : (charge.Id, new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null, "charge without a payment"));
            }

            case EventTypes.ChargeDisputeCreated:
            {
                var dispute = (Dispute)stripeEvent.Data.Object;
                return dispute.PaymentIntentId is { } paymentIntent
                    ? (dispute.Id, await fulfilment.DisputeAsync(dispute.Id, paymentIntent, dispute.Amount, Actor, cancellationToken))
                    : (dispute.Id, new FulfilmentResult(FulfilmentOutcome.UnknownTopUp, null, "dispute without a payment"));
            }

            default:
                return (null, null);
        }
    }

    private static string Describe(FulfilmentResult result) =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(result.Outcome.ToString()) + (result.TopUp is { } topUp ? " " + topUp.Id : "") + (result.Detail is { } detail ? ": " + detail : "");

    private static async Task RejectAsync(IAuditLog audit, string why, CancellationToken cancellationToken) =>
        await audit.AppendAsync(new NewAuditEntry("payment.webhook.rejected", Actor, null, why), cancellationToken);
}
