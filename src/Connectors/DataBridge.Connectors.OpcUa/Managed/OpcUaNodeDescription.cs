using DataBridge.Core;

namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>What the server says about a resolved variable, for metadata.</summary>
/// <param name="DataType">The value type the variable's DataType means (its nearest built-in type); Null when unknown or any.</param>
/// <param name="Units">The EngineeringUnits property (Part 8 §5.6.3), when the server has one.</param>
/// <param name="EURange">The EURange property (Part 8 §5.3.2), when the server has one.</param>
/// <param name="InstrumentRange">The InstrumentRange property (Part 8 §5.3.2), when the server has one.</param>
public readonly record struct OpcUaNodeDescription(ValueKind DataType, OpcUaEngineeringUnit? Units, OpcUaRange? EURange, OpcUaRange? InstrumentRange);
