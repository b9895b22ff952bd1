# The tutorial's DNAT demo
# ns3 pings 169.254.169.254, the address cloud-init asks for the data of
# its instance, and the router ns2 changes the destination to ns1
# (10.1.0.10), which answers.  Every table and chain is logged, as the
# tutorial's log_iptables_ns does, so the trace shows where the address
# changes: after nat PREROUTING of ns2, before its mangle FORWARD.
#
# The commands are the tutorial's, with the changes today's kernel needs
# (lo up, on-link routes to the gateways).  This scenario is for the
# simulator only: nothing here may be sent to a real 169.254.169.254.

# (regenerate.sh puts the commands of tutorial-topology.sh and
# tutorial-log-all.sh here)
# Analysis: perform DNAT in ns2 to change the destination IP
sudo ip netns exec ns2 iptables -t nat -A PREROUTING -d 169.254.169.254 -j DNAT --to-destination 10.1.0.10
