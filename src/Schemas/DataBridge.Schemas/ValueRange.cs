namespace DataBridge.Schemas;

/// <summary>A closed range of values (<c>io.databridge.Range</c> in tag-metadata.avsc; OPC 10000-8 §5.6.2 Range).</summary>
/// <param name="Low">Lowest value of the range.</param>
/// <param name="High">Highest value of the range.</param>
public readonly record struct ValueRange(double Low, double High);
