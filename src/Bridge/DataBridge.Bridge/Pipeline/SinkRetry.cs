using DataBridge.Bridge.Sinks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace DataBridge.Bridge.Pipeline;

/// <summary>
/// The resilience policy between a pipeline and its sink: a batch the sink could not accept is retried with
/// exponential backoff (capped) for as long as the bridge runs. Meanwhile the connector is held back (its next poll
/// or Publish acknowledgement waits), so nothing is read that could not be kept.
/// </summary>
internal static class SinkRetry
{
    public static ResiliencePipeline Create(string sourceId, TimeProvider time, ILogger logger) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SinkException>(),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(30),
            OnRetry = args =>
            {
                // The first failure of an outage and then every 20th: an hour without Kafka must not flood the log
                // (the Kafka sink itself says once that it waits and once that it is back).
                var level = args.AttemptNumber == 0 || args.AttemptNumber % 20 == 19 ? LogLevel.Warning : LogLevel.Debug;
                logger.Log(
                    level,
                    "Source {SourceId}: the sink did not accept a batch ({Error}); retry {Attempt} in {Delay}. Reading from the source waits meanwhile.",
                    sourceId,
                    args.Outcome.Exception?.Message,
                    args.AttemptNumber + 1,
                    args.RetryDelay);
                return default;
            },
        })
        .Build();
}
