# Sample command: several destination ports with multiport
# "-m multiport --dports 20,5001" matches either port in one rule.  ns2
# listens on TCP port 5001, and the rule drops ns1's connection to it.

# (regenerate.sh puts the commands of tutorial-topology.sh here)
# Use modules to perform more complex operations
sudo ip netns exec ns2 iptables -A INPUT -p tcp -m multiport --dports 20,5001 -s 10.1.0.10 -j DROP
