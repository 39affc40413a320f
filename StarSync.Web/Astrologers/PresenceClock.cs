using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Astrologers;

/// <summary>
/// Drives <see cref="AstrologerPresence"/>: at start marks astrologers in live consultations busy, then re-evaluates
/// the grace and heartbeat windows every <see cref="PresenceOptions.TickMilliseconds"/>.
/// </summary>
public sealed class PresenceClock(AstrologerPresence presence, IConsultationStore consultations, IOptions<PresenceOptions> options, TimeProvider clock, ILogger<PresenceClock> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            for (var skip = 0; ; skip += 200)
            {
                var page = await consultations.QueryAsync(new ConsultationQuery { State = ConsultationState.Active, Skip = skip, Take = 200 }, stoppingToken);
                foreach (var c in page.Items)
                {
                    presence.ConsultationActive(c.AstrologerId, c.Id);
                }

                if (page.Items.Count < 200)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not read the live consultations; astrologers in them show as busy from their next event.");
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.TickMilliseconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                presence.Evaluate();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }
}
