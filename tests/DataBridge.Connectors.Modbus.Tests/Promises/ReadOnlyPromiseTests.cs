using System.Reflection;
using CsCheck;
using System.Text.RegularExpressions;
using DataBridge.Connectors.Modbus.Encoding;
using DataBridge.Simulators.Modbus;
using DataBridge.Testing.Support;

namespace DataBridge.Connectors.Modbus.Tests.Promises;

/// <summary>
/// Product promise 2: the code base contains no Modbus write function code (5, 6, 15, 16, 22, 23): no constant, enum
/// member or frame for one. Checked three ways: the encoder's behaviour, the built assemblies' metadata, the sources.
/// </summary>
public sealed partial class ReadOnlyPromiseTests
{
    private static readonly int[] WriteCodes = [5, 6, 15, 16, 22, 23];

    private static readonly Assembly[] ModbusAssemblies = [typeof(ModbusRequestWriter).Assembly, typeof(ModbusSimulator).Assembly];

    // Names the Modbus spec (and older Modicon names) gives the write functions.
    [GeneratedRegex(@"(?i)(write\s*_?(single|multiple)\s*_?(coils?|registers?)|mask\s*_?write|read\s*_?write\s*_?multiple|(force|preset)\s*_?(single|multiple)\s*_?(coils?|registers?)|write\s*_?file\s*_?record)")]
    private static partial Regex WriteFunctionName();

    // A function code written as a literal: "function code = 0x06", "fc: 16", "FunctionCode.X = 15", "case 0x10" after "function".
    [GeneratedRegex(@"(?i)\b(function\s*code|functioncode|fc)\w*\s*(==|=|:|\bis\b|,)\s*\(?\s*(byte\)\s*)?(0x0*(5|6|f|10|16|17)\b|(5|6|15|16|22|23)\b)")]
    private static partial Regex WriteFunctionLiteral();

    [Fact]
    public void The_request_writer_can_emit_only_function_codes_one_to_four_whatever_table_it_is_given()
    {
        var emitted = new HashSet<byte>();
        var frame = new byte[ModbusReadRequest.AduLength];
        for (var table = 0; table < 256; table++)
        {
            try
            {
                ModbusRequestWriter.Write(frame, 1, 1, new ModbusReadRequest((ModbusTable)table, 0, 1));
                emitted.Add(frame[MbapHeader.Size]);
            }
            catch (ArgumentOutOfRangeException)
            {
                // Unknown table: refused, nothing written.
            }
        }

        Assert.Equal(new HashSet<byte> { 1, 2, 3, 4 }, emitted);
    }

    [Fact]
    public void Every_frame_the_request_writer_produces_for_any_input_carries_a_read_function_code()
    {
        // Property over the whole input space: any table value (valid or not), address, quantity, unit and
        // transaction id. A request is either refused before anything is written, or its PDU starts with 1-4.
        var written = 0;
        Gen.Select(Gen.OneOf(Gen.Int[0, 255], Gen.Int[0, 8]), Gen.UShort, Gen.OneOf(Gen.UShort.Select(q => (ushort)q), Gen.UShort[0, 2001]), Gen.Byte, Gen.UShort).Sample((table, address, quantity, unit, transaction) =>
        {
            var frame = new byte[ModbusReadRequest.AduLength];
            frame.AsSpan().Fill(0xEE);
            try
            {
                ModbusRequestWriter.Write(frame, transaction, unit, new ModbusReadRequest((ModbusTable)table, address, quantity));
            }
            catch (ArgumentOutOfRangeException)
            {
                Assert.Equal(0xEE, frame[MbapHeader.Size]); // refused: no function code was written
                return;
            }

            Interlocked.Increment(ref written);
            Assert.InRange(frame[MbapHeader.Size], (byte)1, (byte)4);
        }, iter: 20_000);

        Assert.True(written > 1_000, $"only {written} frames were written; the generator hardly reaches valid requests");
    }

    [Fact]
    public void No_enum_member_or_constant_in_the_modbus_assemblies_is_a_write_function_code()
    {
        var checkedFunctionCodeEnums = 0;
        foreach (var assembly in ModbusAssemblies)
        {
            foreach (var type in assembly.GetTypes())
            {
                Assert.False(WriteFunctionName().IsMatch(type.Name), $"{type.FullName} names a write function");
                foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    Assert.False(WriteFunctionName().IsMatch(member.Name), $"{type.FullName}.{member.Name} names a write function");
                }

                // Any enum or constant about function codes may only hold the read codes.
                if (type.IsEnum && type.Name.Contains("FunctionCode", StringComparison.OrdinalIgnoreCase))
                {
                    checkedFunctionCodeEnums++;
                    foreach (var value in Enum.GetValues(type))
                    {
                        Assert.InRange(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), 1, 4);
                    }
                }

                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    if (field.IsLiteral && field.Name.Contains("Function", StringComparison.OrdinalIgnoreCase) && field.GetRawConstantValue() is IConvertible c)
                    {
                        Assert.DoesNotContain(c.ToInt32(System.Globalization.CultureInfo.InvariantCulture), WriteCodes);
                    }
                }
            }
        }

        // Not a tautology: the read function code enum exists and was inspected.
        Assert.Equal(1, checkedFunctionCodeEnums);
        Assert.Equal([1, 2, 3, 4], Enum.GetValues<ModbusFunctionCode>().Select(v => (int)v));
    }

    [Fact]
    public void No_source_file_under_src_names_or_builds_a_write_function_code()
    {
        var sources = Directory.EnumerateFiles(RepoPaths.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var modbusSources = sources.Where(f => f.Contains("Modbus", StringComparison.Ordinal) || f.Contains("Simulators", StringComparison.Ordinal)).ToList();
        Assert.True(modbusSources.Count >= 20, $"expected the Modbus sources, found {modbusSources.Count}");

        var findings = new List<string>();
        foreach (var file in sources)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (WriteFunctionName().IsMatch(lines[i]))
                {
                    findings.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {lines[i].Trim()}");
                }

                if (modbusSources.Contains(file) && WriteFunctionLiteral().IsMatch(lines[i]))
                {
                    findings.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(findings.Count == 0, "Write function codes found:\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("public const byte WriteSingleRegister = 0x06;")]
    [InlineData("WriteMultipleCoils = 15,")]
    [InlineData("void PresetMultipleRegisters()")]
    [InlineData("var functionCode = 0x10;")]
    [InlineData("frame[7] = (byte)fc; // fc = 16")]
    [InlineData("if (functionCode == 23)")]
    [InlineData("FunctionCode = (byte)0x05")]
    public void The_source_scan_recognises_write_function_codes(string line)
    {
        Assert.True(WriteFunctionName().IsMatch(line) || WriteFunctionLiteral().IsMatch(line), line);
    }

    [Theory]
    [InlineData("ServerDeviceBusy = 0x06,")]
    [InlineData("var functionCode = pdu[0];")]
    [InlineData("Acknowledge = 0x05,")]
    [InlineData("ModbusRequestWriter.Write(frame, 1, 1, request);")]
    [InlineData("ReadHoldingRegisters = 0x03,")]
    public void The_source_scan_leaves_read_code_and_exception_codes_alone(string line)
    {
        Assert.False(WriteFunctionName().IsMatch(line) || WriteFunctionLiteral().IsMatch(line), line);
    }
}
