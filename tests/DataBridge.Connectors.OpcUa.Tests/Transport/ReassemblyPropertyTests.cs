using CsCheck;
using DataBridge.Connectors.OpcUa.Transport;

namespace DataBridge.Connectors.OpcUa.Tests.Transport;

public sealed class ReassemblyPropertyTests
{
    private static readonly NegotiatedLimits Limits = new(8192, 8192, int.MaxValue, int.MaxValue, MaxResponseMessageSize: 64 * 1024, MaxResponseChunkCount: 16);

    [Fact]
    public void Chunks_of_any_sizes_reassemble_to_the_original_body_or_fail_only_when_a_limit_is_crossed()
    {
        Gen.Byte.Array[0, 80_000].Select(Gen.Int[1, 9000].Array[1, 30]).Sample((body, cuts) =>
        {
            var pending = new PendingRequest(UaTcpMessageType.Message);
            var offset = 0;
            var chunks = 0;
            OpcUaTransportException? error = null;
            while (error is null)
            {
                var size = Math.Min(cuts[chunks % cuts.Length], body.Length - offset);
                var isFinal = offset + size == body.Length;
                error = pending.Append(body.AsSpan(offset, size), isFinal, Limits);
                offset += size;
                chunks++;
                if (isFinal)
                {
                    break;
                }
            }

            var tooBig = body.Length > Limits.MaxResponseMessageSize || chunks > Limits.MaxResponseChunkCount;
            if (error is not null)
            {
                Assert.Equal(DataBridge.Core.StatusCodes.BadResponseTooLarge, error.StatusCode.Code);
                Assert.True(tooBig || chunks > Limits.MaxResponseChunkCount);
                pending.Fail(error);
                return;
            }

            Assert.False(tooBig);
            using var result = pending.Task.Result;
            Assert.True(result.WrittenSpan.SequenceEqual(body));
        }, iter: 300);
    }
}
