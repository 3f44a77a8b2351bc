using DataBridge.Connectors.OpcUa.Generated;
using DataBridge.Core;
using DataBridge.Schemas;

namespace DataBridge.Bridge.Sources.OpcUa;

/// <summary>What the server says about a resolved tag's variable, for the metadata record.</summary>
/// <param name="DataType">The value type the variable's DataType means (its nearest built-in type); Null when unknown or any.</param>
/// <param name="Units">The EngineeringUnits property (Part 8 §5.6.3), when the server has one.</param>
/// <param name="EURange">The EURange property (Part 8 §5.3.2), when the server has one.</param>
/// <param name="InstrumentRange">The InstrumentRange property (Part 8 §5.3.2), when the server has one.</param>
internal readonly record struct OpcUaTagDescription(ValueKind DataType, EUInformation? Units, ValueRange? EURange, ValueRange? InstrumentRange);
