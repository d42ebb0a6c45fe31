#include "llmos/validate.hpp"

#include "llmos/check_edge.hpp"

#include "llmos/json_pointer.hpp"
#include "workflow_graph.hpp"

#include <map>
#include <set>
#include <sstream>

namespace llmos {
namespace {

std::vector<std::string> port_names(const std::vector<Port>& ports) {
  std::vector<std::string> names;
  names.reserve(ports.size());
  for (const auto& port : ports) names.push_back(port.name);
  return names;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

class Validator {
 public:
  Validator(const Workflow& workflow, const SkillLibrary& library)
      : workflow_(workflow), library_(library), graph_(workflow) {}

  Diagnostics run() {
    check_nodes();
    check_edges();
    check_required_inputs();
    check_cycles();
    return std::move(diagnostics_);
  }

 private:
  void error(const char* code, std::string message, std::string pointer, const std::string& node_id) {
    diagnostics_.error(code, std::move(message),
                       SourceLocation{workflow_.source_file, 0, 0, std::move(pointer), node_id});
  }

  // The skill of the node at `index`, or nullptr when unknown (reported once).
  const Skill* skill_of(std::size_t index) const { return skills_[index]; }

  void check_nodes() {
    const auto& nodes = workflow_.nodes();
    skills_.assign(nodes.size(), nullptr);
    std::set<std::string_view> seen;
    const auto ids = library_.ids();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const auto& node = nodes[i];
      const std::string base = "/nodes/" + std::to_string(i);
      if (!seen.insert(node.id.value).second)
        error("workflow.node.duplicate", "duplicate node id " + in_quotes(node.id.value), base + "/nodeId",
              node.id.value);
      const Skill* skill = library_.find(node.skill_id);
      if (!skill) {
        error("workflow.skill.unknown",
              "unknown skill " + in_quotes(node.skill_id) + did_you_mean(node.skill_id, ids),
              base + "/skillId", node.id.value);
        continue;
      }
      if (!skill->is_executable()) {
        error("workflow.skill.not_executable",
              "skill " + in_quotes(node.skill_id) + " is a standard (context) skill and cannot run as a node",
              base + "/skillId", node.id.value);
        continue;
      }
      skills_[i] = skill;
      for (const auto& [port_name, value] : node.input_values.items())
        check_value(*skill, node, port_name, value, base + "/inputValues/" + json_pointer_token(port_name));
    }
  }

  void check_value(const Skill& skill, const WorkflowNode& node, const std::string& port_name,
                   const json& value, const std::string& pointer) {
    const Port* port = skill.find_input(port_name);
    if (!port) {
      error("workflow.port.unknown",
            "skill " + in_quotes(skill.skill_id) + " has no input " + in_quotes(port_name) +
                did_you_mean(port_name, port_names(skill.inputs)),
            pointer, node.id.value);
      return;
    }
    if (value.is_null()) return;  // null means "not set"
    if (!value_matches_type(value, port->type)) {
      error("workflow.value.type",
            "input " + in_quotes(port_name) + " expects " + std::string(to_string(port->type)) + ", got " +
                value.dump(),
            pointer, node.id.value);
      return;
    }
    if (value.is_number()) {
      const double number = value.get<double>();
      if ((port->min && number < *port->min) || (port->max && number > *port->max)) {
        std::string range = "[" + (port->min ? number_text(*port->min) : "-inf") + ", " +
                            (port->max ? number_text(*port->max) : "inf") + "]";
        error("workflow.value.range",
              "input " + in_quotes(port_name) + " = " + value.dump() + " is outside " + range, pointer,
              node.id.value);
      }
    }
    if (!port->options.empty() && value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      bool allowed = false;
      for (const auto& option : port->options) allowed = allowed || option == text;
      if (!allowed) {
        std::string choices;
        for (const auto& option : port->options) choices += (choices.empty() ? "" : "|") + option;
        error("workflow.value.option",
              "input " + in_quotes(port_name) + " = " + value.dump() + " is not one of " + choices +
                  did_you_mean(text, port->options),
              pointer, node.id.value);
      }
    }
  }

  void check_edges() {
    const auto& edges = workflow_.edges();
    for (std::size_t e = 0; e < edges.size(); ++e) {
      const auto& edge = edges[e];
      const std::string base = "/edges/" + std::to_string(e);
      const auto source = graph_.index_of(edge.source.node.value);
      const auto target = graph_.index_of(edge.target.node.value);
      if (!source)
        error("workflow.edge.missing_node",
              "edge source " + in_quotes(edge.source.node.value) + " is not a node" +
                  did_you_mean(edge.source.node.value, node_ids()),
              base + "/source", edge.source.node.value);
      if (!target)
        error("workflow.edge.missing_node",
              "edge target " + in_quotes(edge.target.node.value) + " is not a node" +
                  did_you_mean(edge.target.node.value, node_ids()),
              base + "/target", edge.target.node.value);
      if (source && target && *source == *target)
        error("workflow.edge.self_loop",
              "self-loop: " + edge.source.node.value + " -> " + edge.target.node.value, base,
              edge.target.node.value);

      const auto [slot, inserted] =
          first_edge_into_.try_emplace({edge.target.node.value, edge.target.port}, e);
      if (!inserted)
        error("workflow.input.multiple_edges",
              "input " + in_quotes(edge.target.node.value + "." + edge.target.port) +
                  " already has an edge (/edges/" + std::to_string(slot->second) + ")",
              base + "/targetInput", edge.target.node.value);

      const Skill* source_skill = source ? skill_of(*source) : nullptr;
      const Skill* target_skill = target ? skill_of(*target) : nullptr;
      const Port* output = source_skill ? source_skill->find_output(edge.source.port) : nullptr;
      const Port* input = target_skill ? target_skill->find_input(edge.target.port) : nullptr;
      if (source_skill && !output)
        error("workflow.port.unknown",
              "skill " + in_quotes(source_skill->skill_id) + " has no output " + in_quotes(edge.source.port) +
                  did_you_mean(edge.source.port, port_names(source_skill->outputs)),
              base + "/sourceOutput", edge.source.node.value);
      if (target_skill && !input)
        error("workflow.port.unknown",
              "skill " + in_quotes(target_skill->skill_id) + " has no input " + in_quotes(edge.target.port) +
                  did_you_mean(edge.target.port, port_names(target_skill->inputs)),
              base + "/targetInput", edge.target.node.value);
      if (output && input && !is_assignable(output->type, input->type))
        error("workflow.edge.type", edge_type_message(edge.source, output->type, edge.target, input->type),
              base, edge.target.node.value);
    }
  }

  void check_required_inputs() {
    const auto& nodes = workflow_.nodes();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const Skill* skill = skill_of(i);
      if (!skill) continue;
      const auto& node = nodes[i];
      for (const auto& port : skill->inputs) {
        if (!port.required || port.has_default) continue;
        const auto value = node.input_values.find(port.name);
        if (value != node.input_values.end() && !value->is_null()) continue;
        if (first_edge_into_.count({node.id.value, port.name})) continue;
        error("workflow.input.missing",
              "required input " + in_quotes(port.name) + " is neither set nor connected",
              "/nodes/" + std::to_string(i) + "/inputValues", node.id.value);
      }
    }
  }

  void check_cycles() {
    const auto& nodes = workflow_.nodes();
    for (const auto& cycle : graph_.cycles()) {
      std::string path;
      for (auto index : cycle) path += nodes[index].id.value + " -> ";
      path += nodes[cycle.front()].id.value;
      error("workflow.cycle", "cycle: " + path, "/nodes/" + std::to_string(cycle.front()),
            nodes[cycle.front()].id.value);
    }
  }

  const std::vector<std::string>& node_ids() {
    if (node_ids_.empty())
      for (const auto& node : workflow_.nodes()) node_ids_.push_back(node.id.value);
    return node_ids_;
  }

  const Workflow& workflow_;
  const SkillLibrary& library_;
  WorkflowGraph graph_;
  std::vector<const Skill*> skills_;
  std::vector<std::string> node_ids_;
  // (target node, input) -> first edge wired into it.
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> first_edge_into_;
  Diagnostics diagnostics_;
};

}  // namespace

Diagnostics validate(const Workflow& workflow, const SkillLibrary& library) {
  return Validator(workflow, library).run();
}

}  // namespace llmos
