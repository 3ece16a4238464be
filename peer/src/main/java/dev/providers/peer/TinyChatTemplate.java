package dev.providers.peer;

/**
 * The Jinja chat template embedded in the tiny model: ChatML with Hermes/Qwen-style tool calls.
 * llama-server learns its tool-call parser from it; with plain ChatML it would ignore tools.
 */
final class TinyChatTemplate {

    /** The template text, character for character as in gen_tiny_llama.py. */
    static final String TEXT = ""
            + "{%- if tools %}<|im_start|>system\n"
            + "{% if messages[0].role == 'system' %}{{ messages[0].content }}\n\n{% endif %}"
            + "# Tools\nYou may call one or more functions. Function signatures are inside"
            + " <tools></tools>:\n<tools>\n"
            + "{% for tool in tools %}{{ tool | tojson }}\n{% endfor %}</tools>\n"
            + "To call a function, answer with <tool_call>\n"
            + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n"
            + "</tool_call><|im_end|>\n"
            + "{% elif messages[0].role == 'system' %}<|im_start|>system\n"
            + "{{ messages[0].content }}<|im_end|>\n{% endif %}"
            + "{%- for message in messages %}"
            + "{%- if message.role == 'system' %}"
            + "{%- elif message.role == 'assistant' and message.tool_calls %}"
            + "<|im_start|>assistant\n"
            + "{% if message.content %}{{ message.content }}\n{% endif %}"
            + "{%- for tc in message.tool_calls %}"
            + "{%- set f = tc.function if tc.function is defined else tc %}<tool_call>\n"
            + "{\"name\": \"{{ f.name }}\", \"arguments\": "
            + "{% if f.arguments is string %}{{ f.arguments }}"
            + "{% else %}{{ f.arguments | tojson }}{% endif %}}\n"
            + "</tool_call>\n"
            + "{% endfor %}<|im_end|>\n"
            + "{% elif message.role == 'tool' %}<|im_start|>user\n<tool_response>\n"
            + "{{ message.content }}\n"
            + "</tool_response><|im_end|>\n"
            + "{% else %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n"
            + "{% endif %}"
            + "{%- endfor %}"
            + "{%- if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

    private TinyChatTemplate() {
    }
}
