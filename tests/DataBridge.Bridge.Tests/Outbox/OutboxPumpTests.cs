using DataBridge.Bridge.Outbox;
using DataBridge.Testing.Support;
using Polly;
using Polly.Retry;
using static DataBridge.Bridge.Tests.Outbox.OutboxFixture;

namespace DataBridge.Bridge.Tests.Outbox;

public sealed class OutboxPumpTests
{
    [Fact]
    public async Task The_pump_retries_a_failed_batch_commits_what_was_delivered_and_resumes_there_after_restart()
    {
        using var fx = new OutboxFixture();
        var delivered = new List<long>();
        var failuresLeft = 2;
        var retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<IOException>(), MaxRetryAttempts = 5, Delay = TimeSpan.FromMilliseconds(1) })
            .Build();

        ValueTask Deliver(IReadOnlyList<OutboxRecord> batch, CancellationToken ct)
        {
            lock (delivered)
            {
                if (failuresLeft-- > 0)
                {
                    throw new IOException("broker away");
                }

                foreach (var r in batch)
                {
                    delivered.Add(r.Sequence);
                }
            }

            return ValueTask.CompletedTask;
        }

        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await AppendValuesAsync(outbox, "s", 1, 50);
            var pump = new OutboxPump(outbox, "kafka", Deliver, retry, TimeProvider.System) { MaxBatch = 20 };
            using var cts = new CancellationTokenSource();
            var running = pump.RunAsync(cts.Token);
            await Eventually.WaitUntilAsync(() => outbox.GetReadPosition("kafka") == outbox.DurablePosition, TimeSpan.FromSeconds(10), "the pump to commit everything");
            await AppendValuesAsync(outbox, "s", 51, 60);
            await Eventually.WaitUntilAsync(() => outbox.GetReadPosition("kafka") == outbox.DurablePosition, TimeSpan.FromSeconds(10), "the pump to commit the new records");
            await cts.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }

        lock (delivered)
        {
            Assert.Equal(60, delivered.Count);
            for (var i = 0; i < 60; i++)
            {
                Assert.Equal(i + 1, delivered[i]);
            }
        }

        await using (var outbox = await OpenAsync(fx.Options()))
        {
            await AppendValuesAsync(outbox, "s", 61, 61);
            Assert.Equal([61L], ReadAll(outbox, "kafka").ConvertAll(r => r.Sequence));
        }
    }
}
