namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>A Range property (Part 8 §5.6.2): the low and high limits.</summary>
public readonly record struct OpcUaRange(double Low, double High);
