using System.Diagnostics.CodeAnalysis;
using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Encoding;

/// <summary>Throw helpers kept out of the hot read methods so those stay small enough to inline.</summary>
internal static class DecodingErrors
{
    private const string Advice =
        " The peer sent bytes this client does not accept; if the server is trusted and the data is legitimate, raise the matching DecodingLimits value, otherwise treat the server as faulty.";

    [DoesNotReturn]
    public static void Truncated(string? field, long needed, int remaining, int position) =>
        throw new OpcUaDecodingException(
            $"OPC UA message truncated at byte {position}{Field(field)}: {needed} more bytes needed but only {remaining} remain.{Advice}",
            StatusCodes.BadDecodingError, field, needed, remaining, position);

    [DoesNotReturn]
    public static void LimitExceeded(string? field, string what, long value, long limit, int position) =>
        throw new OpcUaDecodingException(
            $"OPC UA {what} {value} at byte {position}{Field(field)} exceeds the limit {limit} (BadEncodingLimitsExceeded).{Advice}",
            StatusCodes.BadEncodingLimitsExceeded, field, value, limit, position);

    [DoesNotReturn]
    public static void Invalid(string? field, string what, long value, int position) =>
        throw new OpcUaDecodingException(
            $"OPC UA {what} {value} at byte {position}{Field(field)} is not valid (BadDecodingError).{Advice}",
            StatusCodes.BadDecodingError, field, value, null, position);

    private static string Field(string? field) => field is null ? string.Empty : $" in field '{field}'";
}
