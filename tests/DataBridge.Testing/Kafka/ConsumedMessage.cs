namespace DataBridge.Testing.Kafka;

/// <summary>One message as a test consumer (Confluent.Kafka or kcat) read it: raw key and value bytes.</summary>
public sealed record ConsumedMessage(int Partition, long Offset, byte[]? Key, byte[]? Value)
{
    public string? KeyText => Key is null ? null : System.Text.Encoding.UTF8.GetString(Key);
}
