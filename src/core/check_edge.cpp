#include "llmos/check_edge.hpp"

namespace llmos {

std::string edge_type_message(const PortRef& source, PortType from, const PortRef& target, PortType to) {
  return "cannot connect " + in_quotes(source.node.value + "." + source.port) + " (" +
         std::string(to_string(from)) + ") to " + in_quotes(target.node.value + "." + target.port) + " (" +
         std::string(to_string(to)) + ")";
}

std::optional<Diagnostic> check_edge(const PortRef& source, const Skill* source_skill, const PortRef& target,
                                     const Skill* target_skill) {
  auto problem = [&](std::string code, std::string message) {
    Diagnostic diagnostic;
    diagnostic.code = std::move(code);
    diagnostic.message = std::move(message);
    diagnostic.where.node_id = target.node.value;
    return diagnostic;
  };
  if (source.node == target.node)
    return problem("workflow.edge.self_loop", "self-loop: " + source.node.value + " -> " + target.node.value);
  const Port* output = source_skill ? source_skill->find_output(source.port) : nullptr;
  const Port* input = target_skill ? target_skill->find_input(target.port) : nullptr;
  if (source_skill && !output)
    return problem("workflow.port.unknown",
                   "skill " + in_quotes(source_skill->skill_id) + " has no output " + in_quotes(source.port));
  if (target_skill && !input)
    return problem("workflow.port.unknown",
                   "skill " + in_quotes(target_skill->skill_id) + " has no input " + in_quotes(target.port));
  if (output && input && !is_assignable(output->type, input->type))
    return problem("workflow.edge.type", edge_type_message(source, output->type, target, input->type));
  return std::nullopt;
}

}  // namespace llmos
