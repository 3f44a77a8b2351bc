using System.Reflection;
using System.Reflection.Emit;
using DataBridge.Diode.Sending;

namespace DataBridge.Diode.Tests.Sending;

/// <summary>
/// The sender never reads a byte back: the IL of every method outside the receiver's namespace (the receiver lives
/// in the same assembly and may listen) is scanned for calls to socket methods that receive, bind, listen or accept,
/// and for any use of the receiver's code.
/// </summary>
public sealed class SendOnlyAssemblyScanTests
{
    private const string ReceiverNamespace = "DataBridge.Diode.Receiving";

    private static readonly string[] ForbiddenPrefixes = ["Receive", "Bind", "Listen", "Accept", "Peek"];

    [Fact]
    public void No_code_outside_the_receiver_calls_a_receive_bind_listen_or_accept_socket_method()
    {
        var calls = Scan(type => type.Namespace != ReceiverNamespace);
        var forbidden = calls.Where(c => IsReceiveSide(c.Callee)).Select(c => $"{c.Caller} calls {c.Callee.DeclaringType}.{c.Callee.Name}").ToList();

        Assert.Empty(forbidden);

        // The scan sees the sender's socket calls (so it is not blind).
        Assert.Contains(calls, c => c.Caller.Contains(nameof(UdpSendOnlyTransport), StringComparison.Ordinal) && c.Callee.DeclaringType == typeof(System.Net.Sockets.Socket) && c.Callee.Name == "Send");
    }

    [Fact]
    public void The_scan_finds_the_receivers_receive_call_so_it_would_find_one_in_the_sender()
    {
        var calls = Scan(type => type.Namespace == ReceiverNamespace);
        Assert.Contains(calls, c => IsReceiveSide(c.Callee) && c.Callee.Name == "ReceiveAsync");
        Assert.Contains(calls, c => IsReceiveSide(c.Callee) && c.Callee.Name == "Bind");
    }

    [Fact]
    public void No_code_outside_the_receiver_uses_the_receiver()
    {
        var uses = Scan(type => type.Namespace != ReceiverNamespace).Where(c => c.Callee.DeclaringType?.Namespace == ReceiverNamespace).Select(c => $"{c.Caller} -> {c.Callee.DeclaringType}.{c.Callee.Name}").ToList();
        Assert.Empty(uses);
    }

    private static bool IsReceiveSide(MethodBase method)
    {
        var type = method.DeclaringType;
        if (type is null || type.Namespace != "System.Net.Sockets")
        {
            return false;
        }

        return type.Name is "UdpClient" or "TcpListener" || ForbiddenPrefixes.Any(p => method.Name.StartsWith(p, StringComparison.Ordinal));
    }

    private static List<(string Caller, MethodBase Callee)> Scan(Func<Type, bool> include)
    {
        var assembly = typeof(DiodeSender).Assembly;
        var found = new List<(string, MethodBase)>();
        foreach (var type in assembly.GetTypes().Where(include))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null)
                {
                    continue;
                }

                foreach (var token in MethodTokens(il))
                {
                    MethodBase? callee;
                    try
                    {
                        callee = type.Module.ResolveMethod(token, type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (ArgumentException)
                    {
                        continue;
                    }

                    if (callee is not null)
                    {
                        found.Add(($"{type.FullName}.{method.Name}", callee));
                    }
                }
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    // Walks the IL stream opcode by opcode and yields the method tokens of call, callvirt, newobj, ldftn and ldvirtftn.
    private static IEnumerable<int> MethodTokens(byte[] il)
    {
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            if (op.OperandType == OperandType.InlineMethod)
            {
                yield return BitConverter.ToInt32(il, i);
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }
}
